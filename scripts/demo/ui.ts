// Terminal output for the demo: headings, aligned rows, restrained colour only on a TTY.

export interface UiOptions {
  color: boolean;
  write: (text: string) => void;
}

export type Tone = "bold" | "dim" | "green" | "yellow" | "red" | "magenta" | "cyan";

const CODES: Record<Tone, number> = {
  bold: 1,
  dim: 2,
  red: 31,
  green: 32,
  yellow: 33,
  magenta: 35,
  cyan: 36,
};

export class Ui {
  constructor(private readonly options: UiOptions) {}

  get color(): boolean {
    return this.options.color;
  }

  paint(tone: Tone, text: string): string {
    return this.options.color && text !== "" ? `\u001b[${CODES[tone]}m${text}\u001b[0m` : text;
  }

  line(text = ""): void {
    this.options.write(`${text}\n`);
  }

  /** Writes text that already ends in a newline (a rendered block). */
  block(text: string): void {
    this.options.write(text);
  }

  /** "Step 2 · up: create them" with the time it took on the right. */
  heading(title: string, detail?: string): void {
    this.line();
    this.line(`${this.paint("bold", title)}${detail ? this.paint("dim", `  ${detail}`) : ""}`);
  }

  /** Label/value pairs with the labels padded to one width. */
  pairs(rows: [string, string][], indent = "  "): void {
    const width = Math.max(...rows.map(([label]) => label.length));
    for (const [label, value] of rows)
      this.line(`${indent}${this.paint("dim", label.padEnd(width))}  ${value}`);
  }

  /** Rows of cells in aligned columns; the last column is not padded. */
  table(rows: string[][], indent = "  ", tones: (Tone | undefined)[] = []): void {
    const columns = Math.max(0, ...rows.map((r) => r.length));
    const widths = Array.from({ length: columns }, (_, i) =>
      Math.max(0, ...rows.map((r) => (r[i] ?? "").length)),
    );
    for (const row of rows) {
      const cells = row.map((cell, i) => {
        const padded = i === row.length - 1 ? cell : cell.padEnd(widths[i]!);
        const tone = tones[i];
        return tone ? this.paint(tone, padded) : padded;
      });
      this.line(`${indent}${cells.join("  ")}`.trimEnd());
    }
  }
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)}s`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
