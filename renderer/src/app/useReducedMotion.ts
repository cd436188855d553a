import { useSyncExternalStore } from 'react';

const QUERY = '(prefers-reduced-motion: reduce)';

function subscribe(changed: () => void): () => void {
  const media = window.matchMedia(QUERY);
  media.addEventListener('change', changed);
  return () => media.removeEventListener('change', changed);
}

/**
 * Whether the person's system asks for less motion (Windows: 设置 → 辅助功能 → 动画效果 off;
 * macOS: 减弱动态效果). Chromium and Electron pass that setting on as this media query, and
 * the desk then opens and closes dialogs, drawers, lists and toasts at once (Root.tsx). It follows a
 * change made while the desk is open.
 */
export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(QUERY).matches, () => false);
}
