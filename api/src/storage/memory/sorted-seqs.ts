/** Ascending arrays of seqs (a group's deleted messages), kept sorted as they grow. */

export function insertSorted(sorted: number[], value: number): void {
  let index = sorted.length;
  while (index > 0 && sorted[index - 1] > value) index--;
  sorted.splice(index, 0, value);
}

/** How many of the ascending `sorted` are above `value` (binary search). */
export function countAbove(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle] <= value) low = middle + 1;
    else high = middle;
  }
  return sorted.length - low;
}

/** Removes `value` if it is there (binary search). */
export function removeSorted(sorted: number[], value: number): void {
  const index = sorted.length - countAbove(sorted, value) - 1;
  if (index >= 0 && sorted[index] === value) sorted.splice(index, 1);
}
