// The only C that gradtop needs: ncursesw with wide characters, plus accessors
// for the globals and function-like macros that Swift 6 cannot use directly.
#ifndef GRADTOP_NCURSES_SHIM_H
#define GRADTOP_NCURSES_SHIM_H

#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <wchar.h>
#include <ncursesw/curses.h>

static inline WINDOW *gt_stdscr(void) { return stdscr; }
static inline int gt_lines(void) { return LINES; }
static inline int gt_cols(void) { return COLS; }
static inline int gt_colors(void) { return COLORS; }
static inline int gt_color_pairs(void) { return COLOR_PAIRS; }
static inline int gt_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int gt_key_mouse(void) { return KEY_MOUSE; }
static inline int gt_key_resize(void) { return KEY_RESIZE; }

#endif
