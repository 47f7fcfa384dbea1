import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { SearchDay } from './search-items';
import { SearchPanel } from './search-panel';

describe(SearchPanel.name, () => {
  let fixture: ComponentFixture<SearchPanel>;
  let events: string[];
  const root = (): HTMLElement => fixture.nativeElement;
  const status = () => root().querySelector('[role="status"]')?.textContent?.trim();
  const box = () => root().querySelector('input') as HTMLInputElement;
  const buttons = (name: string) => [...root().querySelectorAll('button')].filter((button) => button.textContent?.trim() === name);

  const today: SearchDay = {
    key: 'd1',
    label: 'Today',
    rows: [
      {
        key: 'general 9',
        group: 'general',
        seq: 9,
        where: '# general',
        sender: 'Ben',
        at: '2024-06-15T10:00:00.000Z',
        time: '10:00',
        parts: [
          { text: 'Lunch', mark: true },
          { text: ' at <b>noon</b>', mark: false },
        ],
      },
    ],
  };

  async function show(inputs: Partial<Record<keyof SearchPanel, unknown>> = {}): Promise<void> {
    fixture = TestBed.createComponent(SearchPanel);
    events = [];
    const panel = fixture.componentInstance;
    panel.searched.subscribe((query) => events.push(`searched ${query}`));
    panel.more.subscribe(() => events.push('more'));
    panel.scoped.subscribe((on) => events.push(`scoped ${on}`));
    panel.picked.subscribe((hit) => events.push(`picked ${hit.group} ${hit.seq}`));
    panel.closed.subscribe(() => events.push('closed'));
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    await fixture.whenStable();
  }

  it('searches what is typed on Enter, and closes on Escape', async () => {
    await show();
    expect(status()).toContain('Press Enter to search');
    box().value = 'lunch  ';
    box().dispatchEvent(new Event('input'));
    root().querySelector('form')?.dispatchEvent(new Event('submit', { cancelable: true }));
    box().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    expect(events).toEqual(['searched lunch  ', 'closed']);
  });

  it('shows the results by day with the terms in <mark>, the text as text, and opens the one picked', async () => {
    await show({ query: 'lunch', days: [today], count: 1, answered: true });
    expect(root().querySelector('h3')?.textContent).toBe('Today');
    const result = root().querySelector('button.result') as HTMLButtonElement;
    expect(result.querySelector('.where')?.textContent).toBe('# general');
    expect(result.querySelector('.sender')?.textContent).toBe('Ben');
    expect(result.querySelector('time')?.getAttribute('datetime')).toBe('2024-06-15T10:00:00.000Z');
    expect([...result.querySelectorAll('mark')].map((mark) => mark.textContent)).toEqual(['Lunch']);
    expect(result.querySelector('.text')?.textContent).toBe('Lunch at <b>noon</b>');
    expect(result.querySelector('b')).toBeNull();
    result.click();
    expect(events).toEqual(['picked general 9']);
    expect(status()).toBe('1 result');
    expect(box().value).toBe('lunch');
  });

  it('offers "More" while older results may exist, and says so even when none came yet', async () => {
    await show({ query: 'ab', answered: true, hasMore: true });
    expect(status()).toContain('Nothing found among the newest messages yet');
    buttons('More')[0].click();
    expect(events).toEqual(['more']);
    fixture.componentRef.setInput('hasMore', false);
    await fixture.whenStable();
    expect(buttons('More')).toEqual([]);
    expect(status()).toBe('No messages found.');
  });

  it('toggles the limit to the open group', async () => {
    await show({ scope: { label: 'in # general', on: false } });
    const scope = root().querySelector('button.scope') as HTMLButtonElement;
    expect(scope.textContent?.trim()).toBe('Only in # general');
    expect(scope.getAttribute('aria-pressed')).toBe('false');
    scope.click();
    expect(events).toEqual(['scoped true']);
  });

  it('says it is searching, and shows an error', async () => {
    await show({ query: 'lunch', loading: true, error: 'Could not search: Cannot reach the server.' });
    expect(status()).toBe('Searching…');
    expect(root().querySelector('[role="alert"]')?.textContent).toContain('Cannot reach the server');
  });
});
