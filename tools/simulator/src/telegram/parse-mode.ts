/**
 * A light version of Telegram's entity parser, enough to catch what a notifier gets wrong:
 * returns the Bot API's error description ("Bad Request: can't parse entities: …") or null.
 * - HTML: only the tags Telegram supports, properly nested and closed; a bare '<' is refused.
 * - MarkdownV2: the reserved characters _*[]()~`>#+-=|{}.! must be escaped with '\' outside
 *   entities; bold/italic/underline/strikethrough/spoiler must be closed; code and link URLs follow
 *   their own rules.
 * - Markdown (legacy): *, _, ` and [ must be closed.
 */
const HTML_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'code', 'pre', 'blockquote', 'tg-emoji']);
const PREFIX = "Bad Request: can't parse entities: ";

const byteOffset = (text: string, i: number) => Buffer.byteLength(text.slice(0, i));

export function checkEntities(text: string, parseMode: string | undefined): string | null {
  switch ((parseMode ?? '').toLowerCase()) {
    case 'html': return checkHtml(text);
    case 'markdownv2': return checkMarkdownV2(text);
    case 'markdown': return checkMarkdown(text);
    case '': return null;
    default: return `Bad Request: unsupported parse_mode`;
  }
}

function checkHtml(text: string): string | null {
  const stack: string[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '<') continue;
    const m = /^<(\/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^<>]*)?)>/.exec(text.slice(i));
    if (!m) return `${PREFIX}Unsupported start tag "" at byte offset ${byteOffset(text, i)}`;
    const [whole, closing, rawName] = m;
    const name = rawName.toLowerCase();
    if (!HTML_TAGS.has(name)) return `${PREFIX}Unsupported start tag "${name}" at byte offset ${byteOffset(text, i)}`;
    if (closing) {
      const top = stack.pop();
      if (top !== name) return `${PREFIX}Unmatched end tag at byte offset ${byteOffset(text, i)}, expected "</${top ?? ''}>", found "</${name}>"`;
    } else {
      stack.push(name);
    }
    i += whole.length - 1;
  }
  if (stack.length) return `${PREFIX}Can't find end tag corresponding to start tag "${stack[stack.length - 1]}"`;
  return null;
}

const V2_RESERVED = new Set(['_', '*', '[', ']', '(', ')', '~', '`', '>', '#', '+', '-', '=', '|', '{', '}', '.', '!']);
const V2_ENTITY_NAMES: Record<string, string> = { '*': 'Bold', _: 'Italic', __: 'Underline', '~': 'Strikethrough', '||': 'Spoiler' };

function checkMarkdownV2(text: string): string | null {
  const open = new Map<string, number>();
  let linkDepth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '`') {
      const fence = text.startsWith('```', i) ? '```' : '`';
      const end = findUnescaped(text, fence, i + fence.length);
      if (end < 0) return `${PREFIX}Can't find end of ${fence === '```' ? 'Pre' : 'Code'} entity at byte offset ${byteOffset(text, i)}`;
      i = end + fence.length - 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    const marker = two === '__' || two === '||' ? two : c === '*' || c === '_' || c === '~' ? c : null;
    if (marker) {
      if (open.has(marker)) open.delete(marker);
      else open.set(marker, i);
      i += marker.length - 1;
      continue;
    }
    if (c === '[') {
      linkDepth++;
      continue;
    }
    if (c === ']' && linkDepth > 0) {
      linkDepth--;
      if (text[i + 1] === '(') {
        const end = findUnescaped(text, ')', i + 2);
        if (end < 0) return `${PREFIX}Can't find end of a URL at byte offset ${byteOffset(text, i + 1)}`;
        i = end;
      }
      continue;
    }
    if (c === '>' && (i === 0 || text[i - 1] === '\n')) continue; // block quotation
    if (V2_RESERVED.has(c)) return `${PREFIX}Character '${c}' is reserved and must be escaped with the preceding '\\'`;
  }
  for (const [marker, at] of open) return `${PREFIX}Can't find end of ${V2_ENTITY_NAMES[marker]} entity at byte offset ${byteOffset(text, at)}`;
  if (linkDepth > 0) return `${PREFIX}Can't find end of a TextUrl entity`;
  return null;
}

function findUnescaped(text: string, needle: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text.startsWith(needle, i)) return i;
  }
  return -1;
}

function checkMarkdown(text: string): string | null {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      continue;
    }
    const close = c === '[' ? ']' : c === '*' || c === '_' || c === '`' ? c : null;
    if (!close) continue;
    const end = text.indexOf(close, i + 1);
    if (end < 0) return `${PREFIX}Can't find end of the entity starting at byte offset ${byteOffset(text, i)}`;
    i = end;
  }
  return null;
}
