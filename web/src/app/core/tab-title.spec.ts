import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { provideRouter, Router, TitleStrategy } from '@angular/router';
import { TabTitle, tabTitle } from './tab-title';

@Component({ template: '' })
class Blank {}

describe(TabTitle.name, () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([
          { path: '', title: 'Chat', component: Blank },
          { path: 'login', title: 'Sign in · Chat', component: Blank },
        ]),
        { provide: TitleStrategy, useExisting: TabTitle },
      ],
    });
  });

  it('leads with the unread count, and is the bare title without one', () => {
    expect(tabTitle('Chat', 3)).toBe('(3) Chat');
    expect(tabTitle('Chat', 0)).toBe('Chat');
  });

  it('keeps the route title and the count apart, whichever changes', async () => {
    const title = TestBed.inject(Title);
    const tab = TestBed.inject(TabTitle);
    await TestBed.inject(Router).navigateByUrl('/');
    TestBed.tick();
    expect(title.getTitle()).toBe('Chat');
    tab.showUnread(3);
    TestBed.tick();
    expect(title.getTitle()).toBe('(3) Chat');
    await TestBed.inject(Router).navigateByUrl('/login');
    TestBed.tick();
    expect(title.getTitle()).toBe('(3) Sign in · Chat');
    tab.showUnread(0);
    TestBed.tick();
    expect(title.getTitle()).toBe('Sign in · Chat');
  });
});
