// One promise per key, computed once and shared: within an operation (the CLI and the harness start a plugin
// per preview, up, refresh or destroy) many resources ask the same question of one org. A rejected promise is
// forgotten, so the next resource asks again; an answer that carries a failure as its value is kept.
export class PromiseMemo<T> {
  private readonly answers = new Map<string, Promise<T>>();

  get(key: string, compute: () => Promise<T>): Promise<T> {
    let answer = this.answers.get(key);
    if (!answer) {
      const computed = compute();
      answer = computed;
      this.answers.set(key, computed);
      computed.catch(() => {
        if (this.answers.get(key) === computed) this.answers.delete(key);
      });
    }
    return answer;
  }

  clear(): void {
    this.answers.clear();
  }
}
