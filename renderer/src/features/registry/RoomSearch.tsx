import { SearchOutlined } from '@ant-design/icons';
import { Input, Spin, type InputRef } from 'antd';
import { memo, useCallback, useEffect, useId, useRef, useState } from 'react';
import { call } from '../../api';
import { navigate } from '../../app/route';
import { useShowError } from '../../app/errors';
import { useI18n, type Translate } from '../../i18n';
import { STATE_COLOR, type Hit } from './shared';
import './registry.css';

interface Result {
  q: string;
  hits: Hit[];
}

/**
 * Search as you type: a room code (3-2-501), its digits (32501), part of a name, or a
 * phone's last four digits. No fixed debounce: at most one search is in flight and the
 * latest text wins, so a fast typist costs one query per round trip and the results
 * follow the last keystroke within one or two round trips (the store answers in ~1 ms).
 * ↑↓ choose, Enter opens the card (even if pressed before the answer arrives), Esc clears.
 * Only the answer to the text in the box is ever listed, so Enter never takes a room that
 * an older, shorter text found.
 *
 * Elsewhere (the till, a key's room) the same box picks a room instead of opening its card:
 * `onPick` gets the hit and the list closes; Enter again picks it again (the till reads the
 * room's account afresh).
 */
export function RoomSearch({ autoFocus, onPick, placeholder, testId = 'registry-search', width }: {
  autoFocus?: boolean;
  onPick?: (hit: Hit) => void;
  placeholder?: string;
  testId?: string;
  width?: number;
}) {
  const { t } = useI18n();
  const ids = useId();
  // the caller's onPick is often a fresh arrow each render: read it through a ref, so the
  // list's rows (memoised) and the search loop keep one openHit
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const picks = onPick !== undefined;
  const showError = useShowError();
  const [q, setQ] = useState('');
  const [result, setResult] = useState<Result | null>(null);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const input = useRef<InputRef>(null);
  const wanted = useRef('');
  const busy = useRef(false);
  const enterPending = useRef(false);
  // the latest answer as soon as it arrives, before the list is drawn with it: an Enter pressed
  // in between (a loaded machine) opens its first hit instead of waiting for an answer already come
  const answered = useRef<Result | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => { alive.current = false; };
  }, []);

  // "/" anywhere on the registry page jumps to the search box (a picker inside a form does not take it).
  useEffect(() => {
    if (picks) return undefined;
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      if (el && (el.closest('input, textarea, [contenteditable=true], .ant-modal') !== null)) return;
      e.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [picks]);

  const openHit = useCallback((hit: Hit | undefined) => {
    if (!hit) return;
    const pick = pickRef.current;
    if (!pick) return navigate(`/registry/room/${hit.roomId}`);
    setOpen(false);
    pick(hit);
  }, []);

  const pump = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    try {
      for (;;) {
        const query = wanted.current;
        const hits = query ? await call('registry.search', { q: query, limit: 20 }) : [];
        if (!alive.current) return;
        if (wanted.current !== query) continue; // typed on meanwhile: ask again for the latest
        answered.current = { q: query, hits };
        setResult(answered.current);
        setActive(0);
        if (enterPending.current) {
          enterPending.current = false;
          openHit(hits[0]);
        }
        return;
      }
    } catch (e) {
      enterPending.current = false;
      showError(e);
    } finally {
      busy.current = false;
    }
  }, [openHit, showError]);

  function change(text: string) {
    setQ(text);
    setOpen(true);
    wanted.current = text.trim().slice(0, 40);
    void pump();
  }

  const typed = q.trim().slice(0, 40);
  const current = result && result.q === typed ? result : null;
  const hits = current?.hits ?? [];

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      setOpen(true);
      if (hits.length) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : hits.length - 1)) % hits.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // the box's text and the answer as they are now (the handler may be a render behind)
      if (!wanted.current) return;
      const answer = answered.current;
      if (answer && answer.q === wanted.current) openHit(answer.hits[answer === current ? active : 0]);
      else enterPending.current = true; // the answer is on its way: open its first hit
    } else if (e.key === 'Escape') {
      e.preventDefault();
      change('');
    }
  }

  useEffect(() => {
    document.getElementById(`${ids}-hit-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const showPanel = open && typed !== '';

  return (
    <div className="registry-search" style={width ? { width } : undefined}>
      <Input
        ref={input}
        size="large"
        allowClear
        autoFocus={autoFocus}
        autoComplete="off"
        prefix={<SearchOutlined />}
        suffix={showPanel && !current ? <Spin size="small" /> : undefined}
        placeholder={placeholder ?? t('registry.search.placeholder')}
        value={q}
        onChange={(e) => change(e.target.value)}
        onKeyDown={onKeyDown}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        data-testid={testId}
        role="combobox"
        aria-expanded={showPanel}
        aria-controls={`${ids}-hits`}
        aria-activedescendant={showPanel && hits.length ? `${ids}-hit-${active}` : undefined}
      />
      {showPanel && (
        <div className="registry-hits" id={`${ids}-hits`} role="listbox" data-testid="registry-hits" data-q={current?.q ?? ''}>
          {!current && <div className="registry-hits-note">{t('registry.search.searching')}</div>}
          {current && hits.length === 0 && <div className="registry-hits-note" data-testid="registry-no-hits">{t('registry.search.none', { q: current.q })}</div>}
          {hits.map((h, i) => (
            <HitRow
              key={`${h.roomId}-${h.matchedBy}-${h.occupantName ?? ''}-${i}`}
              hit={h} index={i} active={i === active} idBase={ids} t={t} onHover={setActive} onOpen={openHit}
            />
          ))}
          {current && hits.length > 0 && <div className="registry-hits-note small">{t(picks ? 'registry.search.hintPick' : 'registry.search.hint')}</div>}
        </div>
      )}
    </div>
  );
}

/**
 * One hit: plain spans styled by registry.css rather than several Ant Design components,
 * because the list is built anew on every keystroke and those components cost most of
 * the time between the answer and the screen. Memoised, so moving the highlight with
 * ↑↓ redraws two rows, not twenty.
 */
const HitRow = memo(function HitRow({ hit: h, index, active, idBase, t, onHover, onOpen }: {
  hit: Hit;
  index: number;
  active: boolean;
  idBase: string;
  t: Translate;
  onHover: (index: number) => void;
  onOpen: (hit: Hit) => void;
}) {
  const why = h.matchedBy === 'phone' ? t('registry.match.phone', { tail: h.phoneTail ?? '' })
    : h.matchedBy === 'plate' ? t('registry.match.plate', { plate: h.plate ?? '' })
      : t(`registry.match.${h.matchedBy}`);
  const state = h.state as keyof typeof STATE_COLOR;
  return (
    <div
      id={`${idBase}-hit-${index}`}
      role="option"
      aria-selected={active}
      className={active ? 'registry-hit active' : 'registry-hit'}
      data-testid="registry-hit"
      onMouseEnter={() => onHover(index)}
      onMouseDown={(e) => e.preventDefault() /* keep focus in the box */}
      onClick={() => onOpen(h)}
    >
      <strong className="registry-hit-code">{h.code}</strong>
      <span className="registry-hit-who">
        {h.occupantName
          ? <>{h.occupantKind && <span className="registry-tag">{t(`registry.kind.${h.occupantKind as 'owner' | 'tenant'}`)}</span>}{h.occupantName}</>
          : <span className="registry-hit-vacant">{t('registry.vacantRoom')}</span>}
        {h.movedOut && <span className="registry-tag registry-hit-moved">{t('registry.movedOut')}</span>}
      </span>
      <span className="registry-tag registry-tag-blue" data-testid="registry-hit-why">{why}</span>
      <span className={`registry-tag registry-tag-${STATE_COLOR[state]}`}>{t(`registry.state.${state}`)}</span>
    </div>
  );
});
