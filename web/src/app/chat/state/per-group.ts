import { computed, signal, Signal } from '@angular/core';
import { groupKey } from '@chat/protocol';

/** Whether two names are the same group (the server compares names case-insensitively). */
export function sameGroup(a: string, b: string): boolean {
  return groupKey(a) === groupKey(b);
}

/**
 * One value per group in a signal, looked up by name the way the server
 * compares names: the one place where a group's name becomes its key.
 */
export class PerGroup<T> {
  private readonly map = signal<ReadonlyMap<string, T>>(new Map());

  /** Every value, in no particular order (a fresh array: free to sort). */
  readonly values: Signal<T[]> = computed(() => [...this.map().values()]);

  get(name: string): T | undefined {
    return this.map().get(groupKey(name));
  }

  set(name: string, value: T): void {
    this.map.update((current) => new Map(current).set(groupKey(name), value));
  }

  /** Changes a group's value; `initial` stands in for a group that has none, else nothing changes. */
  patch(name: string, change: (value: T) => T, initial?: T): void {
    this.map.update((current) => {
      const key = groupKey(name);
      const value = current.get(key) ?? initial;
      return value === undefined ? current : new Map(current).set(key, change(value));
    });
  }

  /** Changes every value at once; one that comes back the same is kept as it is. */
  patchAll(change: (value: T) => T): void {
    this.map.update((current) => {
      let next: Map<string, T> | null = null;
      for (const [key, value] of current) {
        const changed = change(value);
        if (changed !== value) (next ??= new Map(current)).set(key, changed);
      }
      return next ?? current;
    });
  }

  /** Replaces everything with these values, each under its group's name. */
  replace(entries: Iterable<readonly [name: string, value: T]>): void {
    const next = new Map<string, T>();
    for (const [name, value] of entries) next.set(groupKey(name), value);
    this.map.set(next);
  }

  delete(name: string): void {
    this.map.update((current) => {
      const next = new Map(current);
      return next.delete(groupKey(name)) ? next : current;
    });
  }

  clear(): void {
    this.map.set(new Map());
  }
}
