import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Photos dropped anywhere on the page or pasted: hands the files on, and says while files are
 * dragged over the page so it can show where to drop them.
 */
export class DropTarget implements ReactiveController {
  dragging = false;
  private depth = 0;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onFiles: (files: File[]) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('dragenter', this.enter);
    document.addEventListener('dragover', this.over);
    document.addEventListener('dragleave', this.leave);
    document.addEventListener('drop', this.drop);
    document.addEventListener('paste', this.paste);
  }

  hostDisconnected(): void {
    document.removeEventListener('dragenter', this.enter);
    document.removeEventListener('dragover', this.over);
    document.removeEventListener('dragleave', this.leave);
    document.removeEventListener('drop', this.drop);
    document.removeEventListener('paste', this.paste);
  }

  private setDragging(on: boolean): void {
    if (this.dragging === on) return;
    this.dragging = on;
    this.host.requestUpdate();
  }

  private readonly enter = (e: DragEvent): void => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    this.depth++;
    this.setDragging(true);
  };

  private readonly over = (e: DragEvent): void => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };

  private readonly leave = (): void => {
    this.depth = Math.max(0, this.depth - 1);
    if (this.depth === 0) this.setDragging(false);
  };

  private readonly drop = (e: DragEvent): void => {
    // A drop an element already took (exports dropped on "Compare devices") is not a photo.
    const taken = e.defaultPrevented;
    e.preventDefault();
    this.depth = 0;
    this.setDragging(false);
    if (taken) return;
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) this.onFiles(files);
  };

  private readonly paste = (e: ClipboardEvent): void => {
    const files = [...(e.clipboardData?.files ?? [])];
    if (!files.length) return;
    e.preventDefault();
    this.onFiles(files);
  };
}
