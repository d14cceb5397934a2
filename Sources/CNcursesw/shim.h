// The only C that gradtop needs: ncursesw with wide characters, plus accessors
// for the globals and function-like macros that Swift 6 cannot use directly.
// Everything here is called from the one UI thread, except gt_window_size,
// which only does an ioctl.
#ifndef GRADTOP_NCURSES_SHIM_H
#define GRADTOP_NCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <ncursesw/curses.h>
#include <ncursesw/term.h>

static inline WINDOW *gt_stdscr(void) { return stdscr; }
static inline WINDOW *gt_curscr(void) { return curscr; }
static inline FILE *gt_stdin(void) { return stdin; }
static inline FILE *gt_stdout(void) { return stdout; }
static inline int gt_lines(void) { return LINES; }
static inline int gt_cols(void) { return COLS; }
static inline int gt_colors(void) { return COLORS; }
static inline int gt_color_pairs(void) { return COLOR_PAIRS; }
static inline int gt_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int gt_key_mouse(void) { return KEY_MOUSE; }
static inline int gt_key_resize(void) { return KEY_RESIZE; }
static inline int gt_key_f(int n) { return KEY_F(n); }

static inline mmask_t gt_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t gt_button1_clicked(void) { return BUTTON1_CLICKED; }

/// The attribute bits for one cell; colour travels separately as a pair number.
static inline attr_t gt_attributes(int bold, int reverse, int underline) {
    attr_t attrs = A_NORMAL;
    if (bold) attrs |= A_BOLD;
    if (reverse) attrs |= A_REVERSE;
    if (underline) attrs |= A_UNDERLINE;
    return attrs;
}

/// Writes one cell (a null-terminated glyph of at most CCHARW_MAX wide chars)
/// at (y, x) with `attrs` and extended colour pair `pair`, so Swift never has
/// to build a cchar_t. Writing the bottom-right cell reports ERR (the cursor
/// cannot wrap) but the cell is still stored, so callers ignore the result.
static inline int gt_put_cell(WINDOW *win, int y, int x, const wchar_t *glyph,
                              attr_t attrs, int pair) {
    cchar_t cell;
    int extended_pair = pair;
    if (setcchar(&cell, glyph, attrs, 0, &extended_pair) == ERR) return ERR;
    return mvwadd_wch(win, y, x, &cell);
}

/// The kernel's idea of the terminal size; 0 on success. Used after SIGWINCH,
/// when ncurses' LINES/COLS are still the old size.
static inline int gt_window_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

/// Columns a wide character takes in the current locale (wcwidth): 1 for
/// ordinary glyphs, 2 for wide ones, 0 for combining marks, -1 if unprintable.
static inline int gt_glyph_width(wchar_t c) { return wcwidth(c); }

/// A terminfo string capability, or NULL when the terminal lacks it.
static inline const char *gt_terminfo_string(const char *name) {
    char *value = tigetstr((char *)name);
    return (value == (char *)-1) ? NULL : value;
}

#endif
