// An editable combobox with a list popup (WAI-ARIA 1.2 combobox pattern, list autocomplete
// without automatic selection: nothing is active or chosen until the person moves to an option
// and chooses it) for picking an administrative unit. It renders into the form's shadow
// root, so its <label for> and aria-* references stay within one tree.

import { html, nothing, type TemplateResult } from 'lit';
import { exactUnit, searchUnits, type SearchableUnit } from '../shared/unit-search';

/** Options rendered at once; typing narrows the rest (a province has up to ~600 wards). */
export const MAX_VISIBLE_OPTIONS = 50;

export interface ComboboxHost {
  requestUpdate(): void;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface ComboboxConfig {
  /** id of the <input>; the listbox and options derive theirs from it. */
  id: string;
  /** The form field path (data-field), for focus and tests. */
  path: string;
  /** Units to choose from (recomputed by the caller when the province or data change). */
  options: () => readonly SearchableUnit[];
  /** Digits of a code typed by hand when the unit is not in the list (2 or 5). */
  codeDigits: number;
  /** The chosen code, or '' while nothing is chosen. */
  getCode: () => string;
  /** The text in the box (the unit's name once chosen, else what was typed). */
  getText: () => string;
  /** Called with the new code and text whenever either changes. */
  onChange: (code: string, text: string) => void;
  /** Called when the box loses focus with the popup closed (validation on blur). */
  onBlur: () => void;
}

export interface ComboboxView {
  label: string;
  hint: string;
  /** id of the error element (always rendered by the caller, empty when no error). */
  errorId: string;
  invalid: boolean;
  readonly: boolean;
  disabled: boolean;
  resultsText: (shown: number, total: number) => string;
}

export class UnitCombobox {
  #host: ComboboxHost;
  #config: ComboboxConfig;
  open = false;
  activeIndex = -1;
  #results: SearchableUnit[] = [];
  /** Result counts to announce after typing; undefined when there is nothing to say. */
  #counts: [shown: number, total: number] | undefined;

  constructor(host: ComboboxHost, config: ComboboxConfig) {
    this.#host = host;
    this.#config = config;
  }

  get id(): string {
    return this.#config.id;
  }

  #search(text: string): void {
    const all = this.#config.options();
    const code = this.#config.getCode();
    // With a unit chosen, the text is its name: opening the list then shows every option.
    this.#results = code !== '' && all.some((u) => u.unit.code === code) ? [...all] : searchUnits(all, text);
  }

  /** Opens the list (when there is something in it) with `active` highlighted; -1 = none. */
  #show(active: number): void {
    this.open = this.#results.length > 0;
    this.activeIndex = this.open && active >= 0 ? Math.min(active, this.#visible().length - 1) : -1;
    this.#host.requestUpdate();
  }

  #visible(): SearchableUnit[] {
    return this.#results.slice(0, MAX_VISIBLE_OPTIONS);
  }

  close(): void {
    this.#counts = undefined;
    if (!this.open && this.activeIndex === -1) return;
    this.open = false;
    this.activeIndex = -1;
    this.#host.requestUpdate();
  }

  #choose(item: SearchableUnit): void {
    this.#config.onChange(item.unit.code, item.unit.name);
    this.close();
  }

  /** Resolves typed text to a code when the text names exactly one unit, or is a code. */
  commitText(): void {
    const text = this.#config.getText().trim();
    if (this.#config.getCode() !== '' || text === '') return;
    const match = exactUnit(this.#config.options(), text);
    if (match) this.#config.onChange(match.unit.code, match.unit.name);
    else if (new RegExp(`^\\d{${this.#config.codeDigits}}$`).test(text)) this.#config.onChange(text, text);
  }

  #onInput = (event: Event): void => {
    const text = (event.target as HTMLInputElement).value;
    this.#config.onChange('', text); // typing replaces an earlier choice until one is made again
    this.#search(text);
    // Nothing is highlighted while typing: ↓ then goes to the first option, Enter to choose it.
    this.#show(-1);
    this.#counts = text.trim() === '' ? undefined : [this.#visible().length, this.#results.length];
  };

  #onKeyDown = (event: KeyboardEvent): void => {
    const visible = this.#visible();
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!this.open || event.altKey) {
          this.#search(this.#config.getText());
          const selected = this.#results.findIndex((u) => u.unit.code === this.#config.getCode());
          this.#show(selected >= 0 ? selected : 0);
        } else {
          this.activeIndex = Math.min(this.activeIndex + 1, visible.length - 1); // from none (-1) to the first
          this.#host.requestUpdate();
        }
        break;
      case 'ArrowUp':
        event.preventDefault();
        if (!this.open) {
          this.#search(this.#config.getText());
          this.#show(this.#visible().length - 1);
        } else if (event.altKey) {
          const item = visible[this.activeIndex];
          if (item) this.#choose(item);
        } else {
          this.activeIndex = this.activeIndex < 0 ? visible.length - 1 : Math.max(this.activeIndex - 1, 0);
          this.#host.requestUpdate();
        }
        break;
      case 'Enter': {
        const item = this.open ? visible[this.activeIndex] : undefined;
        if (item) {
          event.preventDefault(); // choosing an option must not submit the form
          this.#choose(item);
        } else if (this.open) {
          // No option highlighted: Enter closes the list and takes the text only if it names one unit.
          event.preventDefault();
          this.close();
          this.commitText();
        }
        break;
      }
      case 'Escape':
        if (this.open) {
          event.preventDefault();
          event.stopPropagation();
          this.close();
        } else if (this.#config.getText() !== '') {
          event.preventDefault();
          this.#config.onChange('', '');
        }
        break;
      default:
        break;
    }
  };

  #onBlur = (): void => {
    this.close();
    this.commitText();
    this.#config.onBlur();
  };

  /** Keeps the active option visible while moving through a long list. */
  scrollActiveIntoView(): void {
    if (!this.open || this.activeIndex < 0) return;
    const option = this.#host.renderRoot.querySelector?.(`#${this.#config.id}-opt-${this.activeIndex}`);
    option?.scrollIntoView?.({ block: 'nearest' });
  }

  render(view: ComboboxView): TemplateResult {
    const id = this.#config.id;
    const visible = this.open ? this.#visible() : [];
    const active = this.open && this.activeIndex >= 0 ? `${id}-opt-${this.activeIndex}` : undefined;
    return html`
      <div class="combo">
        <!-- Named by the form's <label id="{id}-label" for="{id}">. -->
        <input
          id=${id}
          part="input"
          data-field=${this.#config.path}
          type="text"
          role="combobox"
          autocomplete="off"
          autocapitalize="off"
          spellcheck="false"
          aria-labelledby="${id}-label"
          aria-autocomplete="list"
          aria-expanded=${this.open ? 'true' : 'false'}
          aria-controls="${id}-listbox"
          aria-activedescendant=${active ?? nothing}
          aria-describedby="${id}-hint ${view.errorId}"
          aria-invalid=${view.invalid ? 'true' : 'false'}
          aria-required="true"
          ?readonly=${view.readonly}
          ?disabled=${view.disabled}
          .value=${this.#config.getText()}
          @input=${this.#onInput}
          @keydown=${this.#onKeyDown}
          @blur=${this.#onBlur}
        />
        <ul id="${id}-listbox" part="listbox" role="listbox" aria-label=${view.label} ?hidden=${!this.open}>
          ${visible.map(
            // Options are operated from the combobox (arrow keys + Enter via aria-activedescendant),
            // so the click handler is the pointer alternative, not the only way in.
            // eslint-disable-next-line lit-a11y/click-events-have-key-events
            (item, index) => html`<li
              id="${id}-opt-${index}"
              part="option"
              role="option"
              aria-selected=${index === this.activeIndex ? 'true' : 'false'}
              @mousedown=${(event: Event) => event.preventDefault() /* keep focus in the input */}
              @click=${() => this.#choose(item)}
            >
              ${item.unit.name}${item.unit.district ? html` <span class="detail">${item.unit.district}</span>` : nothing}
            </li>`,
          )}
        </ul>
      </div>
      <p id="${id}-hint" class="hint" part="hint">${view.hint}</p>
      <p class="visually-hidden" aria-live="polite">${this.#counts ? view.resultsText(...this.#counts) : ''}</p>
    `;
  }
}
