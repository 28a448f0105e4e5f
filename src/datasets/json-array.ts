/**
 * The elements of a JSON array, fed chunk by chunk: each element's text is cut out as soon as it
 * ends and parsed alone (JSON.parse), so a file of any length is read in the memory of one chunk
 * and one element. Only the top level is scanned here (brackets, braces, strings); whether an
 * element is valid JSON is JSON.parse's to say. A document that is no array is read whole, up
 * to the length of one element, to say what it holds. The array may also be the one member of
 * an object (`{"data": [ … ]}`), when the reader is told the member's name.
 */
import { StringDecoder } from 'node:string_decoder';
import { excerpt, ParseError } from '../errors.js';

/** The longest element read, in characters: a daily record is well under a kilobyte. */
export const MAX_ELEMENT_CHARS = 1_048_576;

export type JsonElementHandler = (value: unknown, index: number) => void;

type Phase = 'start' | 'other' | 'envelope' | 'element' | 'between' | 'done';

const BOM = 0xfeff;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** A JSON value in a message: its kind, or an excerpt of a string, number or boolean. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : excerpt(JSON.stringify(value));
}

export class JsonArrayReader {
  private readonly decoder = new StringDecoder('utf8');
  private phase: Phase = 'start';
  /** The current element's text from earlier chunks (or the text of a document that is no array). */
  private pending = '';
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Whether a comma came after the last element: `]` may not follow it. */
  private afterComma = false;
  private index = 0;
  /** Whether the "}" of the object around the array has been read. */
  private envelopeClosed = false;

  /** `name` is the file name used in messages; `onElement` gets each element in order. */
  constructor(
    private readonly name: string,
    private readonly onElement: JsonElementHandler,
    /** What the array holds, for the message about a document that is something else. */
    private readonly what: string,
    /** The member of an object that holds the array, when the array is not the document itself. */
    private readonly member: string | null = null,
  ) {}

  write(chunk: Buffer): void {
    this.scan(this.decoder.write(chunk));
  }

  /** The end of the file: fails when the array is not closed, or the document is no array. */
  end(): void {
    this.scan(this.decoder.end());
    switch (this.phase) {
      case 'done':
        if (this.member !== null && !this.envelopeClosed) throw this.invalid(`it ends after the "${this.member}" array, before the object around it is closed`);
        return;
      case 'start':
      case 'other':
      case 'envelope':
        return this.notAnArray();
      case 'element':
      case 'between':
        throw this.invalid(this.phase === 'element' || this.afterComma ? `it ends inside record ${this.index + 1}` : `it ends after record ${this.index}, before the array is closed`);
    }
  }

  /** How many elements were handed on. */
  get count(): number {
    return this.index;
  }

  private invalid(reason: string): ParseError {
    return new ParseError(`${this.name} is not valid JSON: ${reason}`);
  }

  private notAnArray(): never {
    let value: unknown;
    try {
      value = JSON.parse(this.pending);
    } catch (error) {
      throw this.invalid(excerpt(error instanceof Error ? error.message : String(error)));
    }
    throw new ParseError(`${this.name} holds ${describeJson(value)}, not ${this.what}`);
  }

  private keep(text: string): void {
    this.pending += text;
    if (this.pending.length > MAX_ELEMENT_CHARS) {
      if (this.phase === 'other' || this.phase === 'envelope') {
        throw new ParseError(`${this.name} holds no JSON array: it starts with "${excerpt(this.pending)}", not "${this.member === null ? '[' : `{"${this.member}": [`}"`);
      }
      throw this.invalid(`record ${this.index + 1} is longer than ${MAX_ELEMENT_CHARS} characters`);
    }
  }

  /**
   * The object's text up to the first "[" must open the array of the member named, as its first
   * and only member: JSON.parse of that text with the array and the object closed says whether
   * it does.
   */
  private openEnvelope(): void {
    const opening = `${this.pending}[`;
    let value: unknown;
    try {
      value = JSON.parse(`${opening}]}`);
    } catch {
      value = null;
    }
    const members = value !== null && typeof value === 'object' ? Object.keys(value) : [];
    if (members.length !== 1 || members[0] !== this.member) {
      throw new ParseError(`${this.name} starts with "${excerpt(opening)}", where ${this.what} starts with {"${this.member}": [`);
    }
    this.pending = '';
  }

  private emit(text: string): void {
    if (text.length > MAX_ELEMENT_CHARS) throw this.invalid(`record ${this.index + 1} is longer than ${MAX_ELEMENT_CHARS} characters`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw this.invalid(`record ${this.index + 1}: ${excerpt(error instanceof Error ? error.message : String(error))}`);
    }
    this.onElement(value, this.index);
    this.index += 1;
  }

  private scan(text: string): void {
    let start = this.phase === 'element' ? 0 : -1;
    for (let i = 0; i < text.length; i += 1) {
      const c = text.charCodeAt(i);
      switch (this.phase) {
        case 'start':
          if (isSpace(c) || c === BOM) continue;
          if (c === OPEN_ARRAY && this.member === null) {
            this.phase = 'between';
            continue;
          }
          if (c === OPEN_OBJECT && this.member !== null) {
            this.phase = 'envelope';
            this.pending = '{';
            continue;
          }
          // Not an array: kept whole (it is one element long at most) to say what it is.
          this.phase = 'other';
          this.keep(text.slice(i));
          return;
        case 'other':
          this.keep(text.slice(i));
          return;
        case 'envelope': {
          const open = text.indexOf('[', i);
          this.keep(text.slice(i, open < 0 ? text.length : open));
          if (open < 0) return;
          this.openEnvelope();
          this.phase = 'between';
          i = open;
          continue;
        }
        case 'done':
          if (isSpace(c)) continue;
          if (this.member !== null && !this.envelopeClosed) {
            if (c !== CLOSE_OBJECT) throw this.invalid(`the "${this.member}" array is followed by "${excerpt(text.slice(i))}", not by the "}" that closes the object`);
            this.envelopeClosed = true;
            continue;
          }
          throw this.invalid(`text after the end of the ${this.member === null ? 'array' : 'object'}: "${excerpt(text.slice(i))}"`);
        case 'between':
          if (isSpace(c)) continue;
          if (c === CLOSE_ARRAY) {
            if (this.afterComma) throw this.invalid(`a comma after record ${this.index} and no record before the "]"`);
            this.phase = 'done';
            continue;
          }
          if (c === COMMA) {
            if (this.afterComma || this.index === 0) throw this.invalid(`a comma where record ${this.index + 1} should be`);
            this.afterComma = true;
            continue;
          }
          this.phase = 'element';
          this.afterComma = false;
          this.depth = 0;
          start = i;
        // The element's first character is read below.
        // falls through
        case 'element':
          if (this.inString) {
            if (this.escaped) this.escaped = false;
            else if (c === BACKSLASH) this.escaped = true;
            else if (c === QUOTE) this.inString = false;
            continue;
          }
          if (c === QUOTE) {
            this.inString = true;
          } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
            this.depth += 1;
          } else if ((c === CLOSE_OBJECT || c === CLOSE_ARRAY) && this.depth > 0) {
            this.depth -= 1;
          } else if (c === CLOSE_OBJECT) {
            // A "}" that closes nothing: JSON.parse says what is wrong with the element it ends.
            this.emit(this.pending + text.slice(start, i + 1));
          } else if (this.depth === 0 && (c === COMMA || c === CLOSE_ARRAY)) {
            const element = this.pending + text.slice(start, i);
            this.pending = '';
            this.phase = c === COMMA ? 'between' : 'done';
            this.afterComma = c === COMMA;
            this.emit(element);
          }
          continue;
      }
    }
    if (this.phase === 'element') this.keep(text.slice(start));
  }
}
