// Where a JSON text first goes wrong, as a line and column a person can jump to. JSON.parse's own message does
// not always carry a position (V8 often quotes a snippet instead), so this small scanner walks the grammar
// (RFC 8259) and stops at the first character that cannot belong there.

export interface JsonSyntaxProblem {
  line: number;
  column: number;
  message: string;
}

class Scan {
  i = 0;
  constructor(readonly text: string) {}

  fail(expected: string): never {
    const c = this.text[this.i];
    throw new Stop(this.i, c === undefined ? `unexpected end of file, expected ${expected}` : `unexpected ${JSON.stringify(c)}, expected ${expected}`);
  }

  ws(): void {
    while (/[ \t\n\r]/.test(this.text[this.i] ?? "")) this.i++;
  }

  value(): void {
    this.ws();
    const c = this.text[this.i];
    if (c === "{") this.object();
    else if (c === "[") this.array();
    else if (c === '"') this.string();
    else if (c === "-" || (c !== undefined && c >= "0" && c <= "9")) this.number();
    else if (!this.word("true") && !this.word("false") && !this.word("null")) this.fail("a value (object, list, string, number, true, false or null)");
  }

  word(w: string): boolean {
    if (!this.text.startsWith(w, this.i)) return false;
    this.i += w.length;
    return true;
  }

  object(): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === "}") return void this.i++;
    for (;;) {
      this.ws();
      if (this.text[this.i] !== '"') this.fail('a field name in double quotes');
      this.string();
      this.ws();
      if (this.text[this.i] !== ":") this.fail('":"');
      this.i++;
      this.value();
      this.ws();
      if (this.text[this.i] === ",") this.i++;
      else if (this.text[this.i] === "}") return void this.i++;
      else this.fail('"," or "}"');
    }
  }

  array(): void {
    this.i++;
    this.ws();
    if (this.text[this.i] === "]") return void this.i++;
    for (;;) {
      this.value();
      this.ws();
      if (this.text[this.i] === ",") this.i++;
      else if (this.text[this.i] === "]") return void this.i++;
      else this.fail('"," or "]"');
    }
  }

  string(): void {
    this.i++;
    for (;;) {
      const c = this.text[this.i];
      if (c === undefined) this.fail('a closing \'"\'');
      if (c === '"') return void this.i++;
      if (c < " ") this.fail("no line break or control character inside a string");
      if (c === "\\") {
        const e = this.text[this.i + 1];
        if (e === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.i + 2, this.i + 6))) this.i += 6;
        else if (e !== undefined && '"\\/bfnrt'.includes(e)) this.i += 2;
        else {
          this.i++;
          this.fail("a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
      } else this.i++;
    }
  }

  number(): void {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.i));
    if (!m) this.fail("a number");
    this.i += m[0].length;
  }
}

class Stop {
  constructor(
    readonly at: number,
    readonly message: string,
  ) {}
}

/** The first syntax problem of `text`, or null when it is valid JSON. */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  const scan = new Scan(text);
  try {
    scan.value();
    scan.ws();
    if (scan.i < text.length) scan.fail("the end of the file after the top-level value");
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    const before = text.slice(0, error.at);
    const line = before.split("\n").length;
    const column = error.at - before.lastIndexOf("\n");
    return { line, column, message: error.message };
  }
}
