# Completes the line $1 as zsh does on TAB, with the completion function $DIST/completion/_ctys (or $COMPLETION):
# compadd and _default are stand-ins that print what they are given, one word a line; "nospace" before words
# offered without a space after them, "default" when zsh would complete file names.
words=(${(z)1})
[[ $1 == *' ' ]] && words+=('')
CURRENT=$#words
PREFIX=${words[CURRENT]}
compadd() {
    local space=1 array
    while [[ $1 == -* ]]; do
        case $1 in
            -S) space=0; shift ;;
            -a) array=$2; shift ;;
        esac
        shift
    done
    (( space )) || (( ${#${(P)array}} == 0 )) || print nospace
    (( ${#${(P)array}} == 0 )) || print -l -- ${(P)array}
}
_default() { print default; }
functions[_ctys]=$(<${COMPLETION:-$DIST/completion/_ctys})
_ctys
