// The built-in themes, embedded so `gradtop` finds them from any directory
// and after installation. GENERATED from themes/*.toml; ThemeTests fails when
// they differ byte for byte. Regenerate from the package root with:
//   f=Sources/GradUI/BuiltinThemes.swift; sed -n '1,/^\/\/\/ (file stem/p' $f > /tmp/h
//   { cat /tmp/h; echo 'let builtinThemeFiles: [(name: String, text: String)] = ['
//     for t in dark light high-contrast okabe-ito monochrome frost; do
//       printf '    ("%s", ##"""\n' $t; cat themes/$t.toml; printf '\n"""##),\n'; done
//     echo ']'; } > /tmp/b && mv /tmp/b $f
/// (file stem, exact file text) of every file in themes/, in display order.
let builtinThemeFiles: [(name: String, text: String)] = [
    ("dark", ##"""
# gradtop theme: dark (the default).
#
# A theme is a name and a [colors] table. Every colour is "#rrggbb" or
# "default" (the terminal's own colour). Keys:
#   background  foreground  muted      panel text and its dimmed variant
#   border      title       accent     panel frames, panel titles, highlights
#   selection                          the chosen picker item (drawn reversed)
#   median      quartile               violin markers
#   loss                               the loss curve
#   warning     good                   bad news (diverged, vanishing), good news
#   status_bg   status_fg              the header and key-hint bars
#   violin = ["#..", ...]              layer colours, cycled over layers
#   heat   = ["#..", ...]              gradient-flow stops, low to high
# A missing key keeps the default; an unknown key or bad value is reported
# with its file and line and also keeps the default.
name = "dark"

[colors]
background = "#15171c"
foreground = "#d6dae3"
muted = "#8a919e"
border = "#3d4452"
title = "#8fc1ff"
accent = "#f2b66d"
selection = "#8fc1ff"
median = "#ffffff"
quartile = "#a9b1c2"
loss = "#7ee0a1"
warning = "#ff6b6b"
good = "#7ee0a1"
status_bg = "#242833"
status_fg = "#d6dae3"
violin = ["#6fb3ff", "#c59bff", "#ff8fb1", "#ffb86b", "#e6d56a", "#72d9c9"]
heat = ["#1d2230", "#2f4a7a", "#3f8fc4", "#9fe0a0", "#ffe27a"]

"""##),
    ("light", ##"""
# gradtop theme: light, for white terminals and bright rooms.
name = "light"

[colors]
background = "#fbfaf7"
foreground = "#25272c"
muted = "#616570"
border = "#b9bcc6"
title = "#1f5fae"
accent = "#9e4f00"
selection = "#1f5fae"
median = "#000000"
quartile = "#555a66"
loss = "#127437"
warning = "#c0262d"
good = "#127437"
status_bg = "#e7e5df"
status_fg = "#25272c"
violin = ["#2367c4", "#7a3fc0", "#c2356b", "#c26a12", "#8a7a00", "#1a8a7a"]
heat = ["#f1efe9", "#c9d9ee", "#7ea8da", "#3e6fb8", "#152f6b"]

"""##),
    ("high-contrast", ##"""
# gradtop theme: high-contrast, for projectors and washed-out screens.
# Pure black background, saturated colours, no mid greys for data.
name = "high-contrast"

[colors]
background = "#000000"
foreground = "#ffffff"
muted = "#c8c8c8"
border = "#ffffff"
title = "#ffff00"
accent = "#00ffff"
selection = "#ffff00"
median = "#ffffff"
quartile = "#ffff00"
loss = "#00ff00"
warning = "#ff3030"
good = "#00ff00"
status_bg = "#00005f"
status_fg = "#ffffff"
violin = ["#00ffff", "#ff00ff", "#ffff00", "#00ff00", "#ff8000", "#ffffff"]
heat = ["#000000", "#0000ff", "#00ffff", "#ffff00", "#ffffff"]

"""##),
    ("okabe-ito", ##"""
# gradtop theme: okabe-ito, colour-blind safe.
# Data colours come from the Okabe-Ito palette, distinguishable with the
# common colour-vision deficiencies; the heat strip runs dark to light so
# it also reads by brightness alone.
name = "okabe-ito"

[colors]
background = "#1a1a1a"
foreground = "#eeeeee"
muted = "#929292"
border = "#555555"
title = "#56b4e9"
accent = "#e69f00"
selection = "#56b4e9"
median = "#ffffff"
quartile = "#bbbbbb"
loss = "#009e73"
warning = "#d55e00"
good = "#009e73"
status_bg = "#000000"
status_fg = "#eeeeee"
violin = ["#56b4e9", "#e69f00", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7"]
heat = ["#1a1a1a", "#0072b2", "#56b4e9", "#e69f00", "#f0e442"]

"""##),
    ("monochrome", ##"""
# gradtop theme: monochrome, no colours at all.
# Everything stays legible through glyphs and attributes: titles are bold,
# the selection is reversed, medians are bold, the heat strip uses shade
# characters whose density encodes the value.
name = "monochrome"

[colors]
background = "default"
foreground = "default"
muted = "default"
border = "default"
title = "default"
accent = "default"
selection = "default"
median = "default"
quartile = "default"
loss = "default"
warning = "default"
good = "default"
status_bg = "default"
status_fg = "default"
violin = ["default"]
heat = ["default"]

"""##),
    ("frost", ##"""
# gradtop theme: frost, cool blue-grey tones (our own values, in the spirit
# of arctic palettes).
name = "frost"

[colors]
background = "#232833"
foreground = "#e3e8f0"
muted = "#979fae"
border = "#465063"
title = "#89c4d6"
accent = "#d9a46c"
selection = "#89c4d6"
median = "#f4f6fa"
quartile = "#aab4c6"
loss = "#a8cf8e"
warning = "#dd848d"
good = "#a8cf8e"
status_bg = "#2e3442"
status_fg = "#e3e8f0"
violin = ["#89c4d6", "#86a6cf", "#b597be", "#d7707a", "#d9a46c", "#e9cf8f"]
heat = ["#2a3140", "#3d5a78", "#5f93b0", "#9cc9c4", "#eef0d0"]

"""##),
]
