// Hand-written AIR scripts for the `ast` export: every instruction and every operand form the
// 0.54 grammar has (each in every position it can take), lenses, literals, numbers, comments
// and odd spacing, plus scripts that can't be parsed. gen-ast.mjs records what the original's
// `ast` returns for each of them (and for the corpus and the differential scenarios).

// Defines x, k, $s, %m, #cc, #$cs and #%cm so that the wrapped script validates. (A canon
// name of one character can't take a lens in 0.54: `#c.$.[0]` is "a canon name should be non
// empty"; and `#$cs` is another name than `#cs` for the validator.)
const DEFS = (body) => `(seq
  (seq
    (seq (call "p" ("s" "f") [] x) (call "p" ("s" "f") [] k))
    (seq (ap 1 $s) (ap ("a" 1) %m)))
  (seq
    (seq (canon "p" $s #cc) (seq (canon "p" $s #$cs) (canon "p" %m #%cm)))
    ${body}))`;

const forms = {
  // Instructions without operands.
  null: '(null)',
  never: '(never)',
  seq: '(seq (null) (never))',
  par: '(par (null) (null))',
  xor: '(xor (never) (null))',
  'nested seq/par/xor': '(xor (par (seq (null) (null)) (seq (never) (null))) (par (null) (xor (null) (never))))',

  // call: every triplet form.
  'call literal triplet, no output': '(call "peer" ("service" "function") [])',
  'call init_peer_id peer': '(call %init_peer_id% ("s" "f") [])',
  'call scalar triplet': DEFS('(call x (x x) [])'),
  'call scalar-with-lens triplet': DEFS('(call x.$.peer (x.$.[0] x.$.a.[1].b) [])'),
  'call canon-with-lens triplet': DEFS('(call #cc.$.[0] (#cc.$.[1] #cc.$.[2]) [])'),
  'call canon-map-with-lens triplet': DEFS('(call #%cm.$.a (#%cm.$.b #%cm.$.[0]) [])'),
  'call #$ canon-with-lens peer': DEFS('(call #$cs.$.[0] ("s" "f") [])'),
  'call .length in triplet': DEFS('(call x.length ("s" "f") [])'),
  // call: outputs.
  'call scalar output': '(call "p" ("s" "f") [] out)',
  'call stream output': '(call "p" ("s" "f") [] $out)',
  // call: every argument form.
  'call special arguments': '(call "p" ("s" "f") [%init_peer_id% %last_error% :error: %timestamp% %ttl%])',
  'call last_error/error with lenses':
    '(call "p" ("s" "f") [%last_error%.$.message %last_error%.$.error_code :error:.$.message :error:.$.peer_id %last_error%.length])',
  'call literal arguments': '(call "p" ("s" "f") ["" "text" "with spaces" "%init_peer_id%" ":error:" "$s" "[]"])',
  'call boolean and empty array arguments': '(call "p" ("s" "f") [true false [] [ ]])',
  'call integer arguments':
    '(call "p" ("s" "f") [0 1 -1 +5 -0 42 9223372036854775807 -9223372036854775808 007])',
  'call float arguments':
    '(call "p" ("s" "f") [0.0 -0.0 1.5 -1.5 +2.5 1. 0.1 0.000001 0.00001 1234567890. 9999999999. 0.000000001 3.141592653 -12345.6789])',
  'call variable arguments': DEFS('(call "p" ("s" "f") [x #cc #$cs #%cm])'),
  'call variable-with-lens arguments':
    DEFS('(call "p" ("s" "f") [x.$.a x.$.[0] x.$.[k] x.$[0] x.$[k] x.$.a.[0].[k].b x.length #cc.$.[0] #cc.length #$cs.$.[1] #%cm.$.a #%cm.length])'),
  'call flattening lenses': DEFS('(call "p" ("s" "f") [x.$.a! x.$.[0]! x.$.a.b! x.$[0].[k]!])'),
  'call unusual field names': DEFS('(call "p" ("s" "f") [x.$.a-b x.$._ x.$.A1 x.$.[k].b x.$.a0])'),
  'call unicode names and literals': '(seq (call "пир" ("сервис" "функция") ["日本語" "emoji 😀"] имя) (call имя ("s" "f") [имя]))',
  'call many arguments': DEFS('(call "p" ("s" "f") [x k 1 "a" true [] %ttl% #cc x.$.a])'),

  // ap: every argument form, scalar and stream results.
  'ap specials': '(seq (ap %init_peer_id% a) (seq (ap %timestamp% $b) (seq (ap %ttl% c) (seq (ap %last_error% d) (ap :error: e)))))',
  'ap lenses on errors': '(seq (ap %last_error%.$.message a) (ap :error:.$.error_code $b))',
  'ap literals': '(seq (ap "text" a) (seq (ap 1 b) (seq (ap -2.5 c) (seq (ap true d) (seq (ap false e) (ap [] f))))))',
  'ap variables': DEFS('(seq (ap x a) (seq (ap x.$.a $b) (seq (ap #cc c) (seq (ap #cc.$.[0] d) (seq (ap #$cs.length e) (ap #%cm.$.a $f))))))'),

  // ap to a map: every key form.
  'ap map literal key': '(ap ("key" "value") %m)',
  'ap map integer keys': '(seq (ap (1 "a") %m) (seq (ap (-7 "b") %m) (ap (+3 "c") %m)))',
  'ap map scalar keys': DEFS('(seq (ap (x 1) %m) (seq (ap (x.$.a 2) %m) (ap (#cc.$.[0] 3) %m)))'),
  'ap map values': DEFS('(seq (ap ("a" x.$.b) %m) (seq (ap ("b" #cc) %m) (seq (ap ("c" %last_error%) %m) (seq (ap ("d" []) %m) (ap ("e" 1.5) %m)))))'),

  // canon: the three forms, every peer form.
  'canon stream': '(canon "peer" $s #c)',
  'canon #$ target': '(canon %init_peer_id% $s #$c)',
  'canon map': '(canon "peer" %m #%cm)',
  'canon map to scalar': '(canon "peer" %m scalar)',
  'canon peer forms': DEFS('(seq (canon x $t #t1) (seq (canon x.$.a $t #t2) (seq (canon #cc.$.[0] %n #%n1) (canon #%cm.$.p %n sc))))'),

  // match / mismatch.
  'match literals': '(match "a" "b" (null))',
  'mismatch numbers': '(mismatch 1 1.5 (null))',
  'match everything': DEFS('(match x.$.a #cc (mismatch %init_peer_id% :error:.$.message (match [] true (mismatch #%cm.$.a %last_error% (match %timestamp% %ttl% (null))))))'),

  // fail: every form.
  'fail literal': '(fail 1 "message")',
  'fail literal negative code and empty message': '(fail -5 "")',
  'fail %last_error%': '(fail %last_error%)',
  'fail :error:': '(fail :error:)',
  'fail scalar': DEFS('(fail x)'),
  'fail scalar with lens': DEFS('(fail x.$.error)'),
  'fail canon with lens': DEFS('(fail #cc.$.[0])'),
  'fail in xor': '(xor (fail 10000 "x") (fail :error:))',

  // fold: over scalars, lenses, canons, canon maps, [], streams, maps; next; last instruction.
  'fold scalar': DEFS('(fold x i (next i))'),
  'fold scalar with last instruction': DEFS('(fold x i (seq (ap i $r) (next i)) (null))'),
  'fold scalar with lens': DEFS('(fold x.$.items i (next i) (never))'),
  'fold canon': DEFS('(fold #cc i (next i))'),
  'fold #$ canon': DEFS('(fold #$cs i (next i))'),
  'fold canon map': DEFS('(fold #%cm i (next i))'),
  'fold canon map with lens': DEFS('(fold #%cm.$.key i (next i))'),
  'fold empty array': '(fold [] i (next i))',
  'fold stream': DEFS('(fold $s i (seq (call "p" ("s" "f") [i]) (next i)))'),
  'fold stream with last instruction': DEFS('(fold $s i (par (next i) (null)) (never))'),
  'fold stream map': DEFS('(fold %m i (next i))'),
  'fold stream map with last instruction': DEFS('(fold %m i (seq (ap i.$.key $k) (next i)) (null))'),
  'nested folds': DEFS('(fold x i (fold $s j (fold #cc l (seq (next l) (seq (next j) (next i))))))'),
  'fold without next': DEFS('(fold $s i (null))'),

  // new: every variable form.
  'new scalar': '(new x (call "p" ("s" "f") [] x))',
  'new stream': '(new $s (ap 1 $s))',
  'new stream map': '(new %m (ap ("k" 1) %m))',
  'new canon': '(new #c (canon "p" $s #c))',
  'new canon map': '(new #%cm (canon "p" %m #%cm))',
  'nested new': '(new $a (new $b (new x (seq (ap 1 $a) (ap 2 $b)))))',

  // Layout: comments, blank lines, tabs, CRLF, odd spacing; positions count bytes.
  'comments and blank lines': '; head comment\n(seq ; after seq\n  (null) ; tail\n\n  (never))\n; trailing comment',
  'tabs and crlf': '(seq\r\n\t(call\t"p"\t("s" "f")\t[]\tx)\r\n\t(ap x.$.a $s))\r\n',
  'tight spacing': '(seq (call "p"("s" "f")[1 2]x) (ap x y))',
  'wide spacing': '  (  seq   (  null  )   (  never )  )  ',
  'multibyte before positions': '(seq (call "ñandú 日本" ("s" "f") [] x) (ap x.$.a $s))',

  // Literals with characters serde_json escapes.
  'literal with backslashes': '(call "p\\q" ("s\\" "f") ["\\\\" "\\n"])',
  'literal with a newline and a tab': '(call "line1\nline2\tend" ("s" "f") [])',
  'literal with control characters': '(call "\u0001\u0008\u000c\u001f\u007f" ("s" "f") [])',
  'literal with quote-like text': "(call \"it's\" (\"s\" \"f\") [\"'\" \"`\"])",
  'literal with slash and unicode escapes text': '(call "a/b\\u0041" ("s" "f") [])',
  'literal with carriage return': '(call "a\rb" ("s" "f") [])',
  'literal with astral characters': '(call "𝄞 🎉" ("s" "f") ["\u2028\u2029"])',

  // A realistic shape (Aqua's compiled output).
  'aqua pattern': `(xor
  (seq
    (seq
      (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
      (new $res
        (seq
          (fold $res r (seq (ap r $out) (next r)) (null))
          (canon %init_peer_id% $res #res))))
    (call %init_peer_id% ("callbackSrv" "response") [#res.$.[0] -relay-]))
  (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0]))`,
};

const broken = {
  'empty script': '',
  'whitespace only': '   \n  ',
  'unknown instruction': '(foo)',
  'missing instruction': '(seq (null))',
  'unclosed parenthesis': '(seq (null) (null)',
  'extra closing parenthesis': '(null))',
  'two top-level instructions': '(null) (null)',
  'unclosed string literal': '(call "p ("s" "f") [])',
  'undefined variable': '(call x ("s" "f") [])',
  'undefined iterator in next': '(next i)',
  'float too long': '(ap 1.2345678901 x)',
  'integer too large': '(ap 9223372036854775808 x)',
  'bad lens': '(seq (call "p" ("s" "f") [] x) (ap x.$.[ y))',
  'stream as call argument': '(seq (ap 1 $s) (call "p" ("s" "f") [$s]))',
  'keyword glued to a parenthesis': '(seq(null) (null))',
  'fail with a float code': '(fail 1.5 "x")',
  'fold over a canon with a lens': '(seq (canon "p" $s #c) (fold #c.$.[0] i (next i)))',
  'multi-line script with an error on line 3': '(seq\n  (null)\n  (bogus))',
  'two undefined variables on one line': '(call x ("s" "f") [y])',
  'error after a tab': '(seq\t(nul) (null))',
  'error after multibyte text': '(call "日本語" ("s" "f") [] x.$.[) ',
  'multiple next for one iterator': '(fold [] i (seq (next i) (next i)))',
  'new on an iterator': '(fold [] i (new i (next i)))',
  'map key float': '(ap (1.5 "v") %m)',
  'ap to a canon': '(ap 1 #c)',
  'fail with unsupported code 0': '(fail 0 "zero")',
  'lens on a one-character canon name': '(seq (canon "p" $s #c) (ap #c.$.[0] x))',
  'undefined #$ canon (another name than #)': '(seq (canon "p" $s #c) (fold #$c i (next i)))',
  'flattening sign inside a lens': '(seq (call "p" ("s" "f") [] x) (ap x.$.a!.b y))',
  'lens ending in .$': '(seq (call "p" ("s" "f") [] x) (ap x.$.a.$.b y))',
  'lens field starting with a digit': '(seq (call "p" ("s" "f") [] x) (ap x.$.0a y))',
  'flattening sign after .length': '(seq (call "p" ("s" "f") [] x) (ap x.length! y))',
  'undefined scalar in a lens': '(seq (call "p" ("s" "f") [] x) (ap x.$.[k] y))',
  'one undefined name used in two instructions': '(seq (call x ("s" "f") []) (seq (null) (ap x.$.a y)))',
  'undefined name in nested instructions': '(seq (call "p" ("s" "f") [u]) (xor (fold [] i (seq (next i) (ap u z))) (null)))',
  'an iterator defined twice': '(fold [] i (fold [] i (next i)))',
  'undefined variable on the second line': '(seq\n  (call "p" ("s" "f") [] a)\n  (call b ("s" "f") [a]))',
};

// The broken scripts whose report airvm gives byte for byte as the original does: validator
// errors (worded alike by both; the original labels the instruction) and the lexer errors
// whose label both place on the whole token. Elsewhere the labels differ (language.md 2.6).
// Several undefined names in one script are left out: the original lists them in a random
// order (its validator keeps them in a HashMap).
export const EXACT_ERRORS = new Set([
  'undefined variable',
  'undefined iterator in next',
  'float too long',
  'integer too large',
  'multiple next for one iterator',
  'new on an iterator',
  'fail with unsupported code 0',
  'undefined #$ canon (another name than #)',
  'undefined scalar in a lens',
  'one undefined name used in two instructions',
  'undefined name in nested instructions',
  'an iterator defined twice',
  'undefined variable on the second line',
].map((name) => `broken: ${name}`));

// Scripts on which the original traps (a Rust panic in its lambda lexer, marine-js throws):
// a lens field name with a non-ASCII character. airvm parses them.
const traps = {
  'non-ASCII lens field': '(seq (call "p" ("s" "f") [] x) (ap x.$.é $s))',
  'non-ASCII lens field after multibyte text': '(seq (call "ñandú 日本" ("s" "f") [] x) (ap x.$.a.ключ $s))',
};

export const AST_SCRIPTS = [
  ...Object.entries(forms).map(([name, air]) => ({ name: `form: ${name}`, air })),
  ...Object.entries(broken).map(([name, air]) => ({ name: `broken: ${name}`, air })),
  ...Object.entries(traps).map(([name, air]) => ({ name: `trap: ${name}`, air })),
];
