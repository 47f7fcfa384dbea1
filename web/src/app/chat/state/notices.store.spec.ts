import { TestBed } from '@angular/core/testing';
import { NoticesStore } from './notices.store';

describe(NoticesStore.name, () => {
  it('keeps the last five, newest last, until dismissed', () => {
    const notices = TestBed.inject(NoticesStore);
    for (let i = 1; i <= 6; i++) notices.notify(`n${i}`);
    expect(notices.all()).toEqual(['n2', 'n3', 'n4', 'n5', 'n6']);
    notices.dismiss(1);
    expect(notices.all()).toEqual(['n2', 'n4', 'n5', 'n6']);
  });
});

describe(`${NoticesStore.name}, repeats`, () => {
  it('shows the same problem twice in a row once', () => {
    const notices = TestBed.inject(NoticesStore);
    notices.notify('down');
    notices.notify('down');
    notices.notify('other');
    notices.notify('down');
    expect(notices.all()).toEqual(['down', 'other', 'down']);
  });
});
