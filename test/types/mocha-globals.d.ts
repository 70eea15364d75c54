// The mocha globals @web/test-runner provides in browser tests (mocha's own typings are not
// installed; @types/mocha would replace this file).
type MochaDone = (error?: unknown) => void;
type MochaFn = (this: MochaContext, done: MochaDone) => unknown;
interface MochaContext {
  timeout(ms: number): void;
  skip(): never;
}
declare function describe(title: string, fn: (this: MochaContext) => void): void;
declare function it(title: string, fn?: MochaFn): void;
declare function before(fn: MochaFn): void;
declare function after(fn: MochaFn): void;
declare function beforeEach(fn: MochaFn): void;
declare function afterEach(fn: MochaFn): void;
