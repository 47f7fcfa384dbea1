import { createFlexibleConnectedPositionStrategy, createOverlayRef, createRepositionScrollStrategy } from '@angular/cdk/overlay';
import { ComponentPortal } from '@angular/cdk/portal';
import { inject, Injectable, Injector } from '@angular/core';
import { outputToObservable } from '@angular/core/rxjs-interop';
import { filter, map, merge, take } from 'rxjs';

/**
 * Opens the emoji panel beside a button and resolves with the emoji
 * chosen, or `null` when it was closed (Escape, a click outside). The
 * panel and emoji-picker-element come in a chunk of their own, loaded the
 * first time, so the first screen does not carry them.
 */
@Injectable({ providedIn: 'root' })
export class ReactionPicker {
  private readonly injector = inject(Injector);

  async pick(anchor: HTMLElement): Promise<string | null> {
    const { EmojiPanel } = await import('./emoji-panel');
    const overlay = createOverlayRef(this.injector, {
      hasBackdrop: true,
      backdropClass: 'cdk-overlay-transparent-backdrop',
      scrollStrategy: createRepositionScrollStrategy(this.injector),
      positionStrategy: createFlexibleConnectedPositionStrategy(this.injector, anchor)
        .withFlexibleDimensions(false)
        .withViewportMargin(8)
        .withPositions([
          { originX: 'start', originY: 'top', overlayX: 'start', overlayY: 'bottom', offsetY: -4 },
          { originX: 'start', originY: 'bottom', overlayX: 'start', overlayY: 'top', offsetY: 4 },
          { originX: 'end', originY: 'top', overlayX: 'end', overlayY: 'bottom', offsetY: -4 },
          { originX: 'end', originY: 'bottom', overlayX: 'end', overlayY: 'top', offsetY: 4 },
        ]),
    });
    const panel = overlay.attach(new ComponentPortal(EmojiPanel, null, this.injector));
    const closed = merge(
      overlay.backdropClick(),
      overlay.keydownEvents().pipe(filter((event) => event.key === 'Escape')),
      overlay.detachments(),
    ).pipe(map((): string | null => null));
    return new Promise((resolve) => {
      merge(outputToObservable(panel.instance.picked), closed)
        .pipe(take(1))
        .subscribe((emoji) => {
          overlay.dispose();
          anchor.focus({ preventScroll: true });
          resolve(emoji);
        });
    });
  }
}
