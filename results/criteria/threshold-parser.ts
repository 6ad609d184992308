/**
 * The threshold language: one k6 threshold expression, e.g. `p(95) < 5000`, parsed by a small
 * hand-written scanner (no regular expressions, no eval: early k6 evaluated thresholds as JavaScript,
 * which is exactly what we must never do with a file a DSI edits).
 *
 * Grammar (whitespace = spaces and tabs, allowed between tokens and around the whole expression):
 *
 *     threshold   = aggregation operator number
 *     aggregation = "avg" | "min" | "max" | "med" | "count" | "rate" | "value" | percentile
 *     percentile  = "p(" number ")"                      -- 0 <= number <= 100
 *     operator    = "<=" | "<" | ">=" | ">" | "===" | "==" | "!="
 *     number      = [ "+" | "-" ] mantissa [ exponent ]
 *     mantissa    = digits [ "." [ digits ] ] | "." digits
 *     exponent    = ( "e" | "E" ) [ "+" | "-" ] digits
 *     digits      = "0" … "9" { "0" … "9" }
 *
 * Compatible with k6 (metrics/thresholds_parser.go): same methods and operators, `==` and `===` mean
 * the same, numbers as Go's ParseFloat reads them in decimal. Stricter on purpose: NaN, Inf and
 * Infinity are refused (k6 lets `< NaN` through, which can never pass), so are hexadecimal floats and
 * digit underscores (obscure, and easy to misread), and the number must be finite after parsing
 * (`1e999` is refused). Whether an aggregation fits a metric is checked in `threshold-fit.ts`.
 */

export const AGGREGATIONS = ['avg', 'min', 'max', 'med', 'count', 'rate', 'value', 'p'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const OPERATORS = ['<=', '<', '>=', '>', '===', '==', '!='] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Threshold {
  aggregation: Aggregation;
  /** only for `p`: the percentile, 0–100 */
  percentile?: number;
  operator: Operator;
  value: number;
}

export class ThresholdSyntaxError extends Error {
  /** 0-based character position in the expression where the problem starts */
  readonly position: number;

  constructor(message: string, position: number) {
    super(message);
    this.name = 'ThresholdSyntaxError';
    this.position = position;
  }
}

const NAMED: readonly Aggregation[] = ['avg', 'min', 'max', 'med', 'count', 'rate', 'value'];
const EXPECTED_AGGREGATION = 'expected an aggregation: avg, min, max, med, p(N), count or rate';
const EXPECTED_OPERATOR = 'expected an operator: <, <=, >, >=, ==, === or !=';

/** Parse one threshold expression; throws ThresholdSyntaxError saying what was expected where. */
export function parseThreshold(expression: string): Threshold {
  const scanner = new Scanner(expression);
  scanner.skipSpaces();
  if (scanner.atEnd()) throw new ThresholdSyntaxError(`empty threshold; ${EXPECTED_AGGREGATION}`, 0);

  const start = scanner.pos;
  const word = scanner.readLetters();
  let threshold: Pick<Threshold, 'aggregation' | 'percentile'>;
  if (word === 'p' && scanner.peek() === '(') {
    scanner.pos++;
    scanner.skipSpaces();
    const percentileAt = scanner.pos;
    const percentile = scanner.readNumber('percentile');
    scanner.skipSpaces();
    if (scanner.peek() !== ')') throw new ThresholdSyntaxError('expected ")" to close p(', scanner.pos);
    scanner.pos++;
    if (percentile < 0 || percentile > 100) {
      throw new ThresholdSyntaxError(`percentile ${percentile} is outside 0–100`, percentileAt);
    }
    threshold = { aggregation: 'p', percentile };
  } else if ((NAMED as readonly string[]).includes(word)) {
    threshold = { aggregation: word as Aggregation };
  } else {
    const shown = word || expression.slice(start).trim();
    throw new ThresholdSyntaxError(`unknown aggregation "${shown}"; ${EXPECTED_AGGREGATION}`, start);
  }

  scanner.skipSpaces();
  const operator = scanner.readOperator();
  scanner.skipSpaces();
  if (scanner.atEnd()) throw new ThresholdSyntaxError(`missing number after "${operator}"`, scanner.pos);
  const value = scanner.readNumber('threshold value');
  scanner.skipSpaces();
  if (!scanner.atEnd()) {
    throw new ThresholdSyntaxError(`unexpected "${expression.slice(scanner.pos)}" after the number`, scanner.pos);
  }
  return { ...threshold, operator, value };
}

/** The canonical text of a threshold: `p(95) < 5000`. */
export function formatThreshold(threshold: Threshold): string {
  const method = threshold.aggregation === 'p' ? `p(${threshold.percentile})` : threshold.aggregation;
  return `${method} ${threshold.operator} ${threshold.value}`;
}

/** Does `measured` satisfy the threshold's comparison? (`==` and `===` are the same, as in k6) */
export function compare(measured: number, operator: Operator, value: number): boolean {
  switch (operator) {
    case '<':
      return measured < value;
    case '<=':
      return measured <= value;
    case '>':
      return measured > value;
    case '>=':
      return measured >= value;
    case '==':
    case '===':
      return measured === value;
    case '!=':
      return measured !== value;
  }
}

const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isLetter = (c: string | undefined): boolean => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }

  skipSpaces(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.pos++;
  }

  readLetters(): string {
    const start = this.pos;
    while (isLetter(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  readOperator(): Operator {
    // longest first, so `<=` is not read as `<` followed by `=5`
    for (const op of ['===', '<=', '>=', '==', '!=', '<', '>'] as const) {
      if (this.text.startsWith(op, this.pos)) {
        this.pos += op.length;
        return op;
      }
    }
    const found = this.atEnd() ? 'the end of the expression' : `"${this.peek()}"`;
    throw new ThresholdSyntaxError(`${EXPECTED_OPERATOR}; found ${found}`, this.pos);
  }

  /** reads the `number` rule; refuses NaN, Inf, hex and anything that is not finite */
  readNumber(what: string): number {
    const start = this.pos;
    if (this.peek() === '+' || this.peek() === '-') this.pos++;
    let digits = 0;
    while (isDigit(this.peek())) {
      this.pos++;
      digits++;
    }
    if (this.peek() === '.') {
      this.pos++;
      while (isDigit(this.peek())) {
        this.pos++;
        digits++;
      }
    }
    if (digits === 0) {
      const rest = this.text.slice(start).trim();
      const lower = this.readLetters().toLowerCase();
      if (lower === 'nan' || lower === 'inf' || lower === 'infinity') {
        throw new ThresholdSyntaxError(`${what} "${this.text.slice(start, this.pos)}" is not a finite number; NaN and Infinity are refused`, start);
      }
      const found = rest === '' ? 'nothing' : `"${rest}"`;
      throw new ThresholdSyntaxError(`${what}: expected a number, found ${found}`, start);
    }
    if (this.peek() === 'e' || this.peek() === 'E') {
      this.pos++;
      if (this.peek() === '+' || this.peek() === '-') this.pos++;
      if (!isDigit(this.peek())) throw new ThresholdSyntaxError(`${what}: expected digits after the exponent "e"`, this.pos);
      while (isDigit(this.peek())) this.pos++;
    }
    const next = this.peek();
    if (isLetter(next) || next === '_' || next === '.') {
      throw new ThresholdSyntaxError(`${what}: "${this.text.slice(start, this.pos + 1)}" is not a decimal number`, start);
    }
    const value = Number(this.text.slice(start, this.pos));
    if (!Number.isFinite(value)) {
      throw new ThresholdSyntaxError(`${what} "${this.text.slice(start, this.pos)}" is too large to be a finite number`, start);
    }
    // -0 prints as 0 everywhere; keep it plain
    return value === 0 ? 0 : value;
  }
}
