// Re-indents JSON text without parsing it, so numbers keep every digit (AIR integers are
// 64-bit; JSON.parse would round those beyond 2^53). The layout is JSON.stringify's with an
// indent. Output comes in chunks so that ASTs larger than a JS string can be written out.

const CHUNK = 1 << 16;

/** Length in characters of prettyJson(json, indent), computed without building it (the
 * indentation grows with depth times lines, so deep ASTs make very long output). */
export function prettyJsonLength(json: string, indent = 2): number {
  let length = 0;
  let level = 0;
  const n = json.length;
  for (let i = 0; i < n; i++) {
    const c = json.charCodeAt(i);
    switch (c) {
      case 0x22: {  // "
        const start = i;
        for (i++; i < n && json.charCodeAt(i) !== 0x22; i++) {
          if (json.charCodeAt(i) === 0x5c) i++;  // backslash
        }
        length += i - start + 1;
        break;
      }
      case 0x7b:  // {
      case 0x5b: {  // [
        let j = i + 1;
        while (j < n && /\s/.test(json[j]!)) j++;
        const close = c === 0x7b ? 0x7d : 0x5d;
        if (json.charCodeAt(j) === close) {
          length += 2;
          i = j;
        } else {
          level++;
          length += 2 + level * indent;
        }
        break;
      }
      case 0x7d:  // }
      case 0x5d:  // ]
        level--;
        length += 2 + level * indent;
        break;
      case 0x2c:  // ,
        length += 2 + level * indent;
        break;
      case 0x3a:  // :
        length += 2;
        break;
      case 0x20:
      case 0x0a:
      case 0x0d:
      case 0x09:
        break;
      default:
        length += 1;
    }
  }
  return length;
}

/** Yields the indented form of `json` in pieces of about 64 KiB. */
export function* prettyJsonChunks(json: string, indent = 2): Generator<string> {
  const pads: string[] = [''];
  const newline = (level: number): string => {
    while (pads.length <= level) pads.push('\n' + ' '.repeat(pads.length * indent));
    return level === 0 ? '\n' : pads[level]!;
  };
  const plain = /[^"{}[\],:\s]+/y;
  let out = '';
  let level = 0;
  let i = 0;
  const n = json.length;
  while (i < n) {
    if (out.length >= CHUNK) {
      yield out;
      out = '';
    }
    const c = json[i]!;
    switch (c) {
      case '"': {
        let j = i + 1;
        while (j < n && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
        out += json.slice(i, j + 1);
        i = j + 1;
        break;
      }
      case '{':
      case '[': {
        let j = i + 1;
        while (j < n && /\s/.test(json[j]!)) j++;
        if (json[j] === (c === '{' ? '}' : ']')) {
          out += c + json[j];
          i = j + 1;
        } else {
          out += c + newline(++level);
          i++;
        }
        break;
      }
      case '}':
      case ']':
        out += newline(--level) + c;
        i++;
        break;
      case ',':
        out += ',' + newline(level);
        i++;
        break;
      case ':':
        out += ': ';
        i++;
        break;
      case ' ':
      case '\n':
      case '\r':
      case '\t':
        i++;
        break;
      default: {
        plain.lastIndex = i;
        const m = plain.exec(json);
        const text = m ? m[0] : c;
        out += text;
        i += text.length;
      }
    }
  }
  if (out) yield out;
}

/** Pretty-prints JSON text with `indent` spaces per level, keeping numbers exact. */
export function prettyJson(json: string, indent = 2): string {
  let out = '';
  for (const chunk of prettyJsonChunks(json, indent)) out += chunk;
  return out;
}
