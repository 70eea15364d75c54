// The administrative units an element names places with: given as a list (`units`) or loaded
// from `units-src` (a per-province catalogue whose provinces load on first need, or a flat
// array). Every element pointing at the same URL shares one copy (src/api/units.ts).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task } from '@lit/task';
import { catalogueFromUnits, openUnitCatalogue, type AdministrativeUnit, type UnitCatalogue } from '../../api/units';

export interface UnitSourceHost extends ReactiveControllerHost {
  units: AdministrativeUnit[] | undefined;
  unitsSrc: string;
}

/** Looks units up by code; what is not known yet may become known after a load. */
export interface UnitLookup {
  get(code: string): AdministrativeUnit | undefined;
}

export class UnitCatalogueController implements ReactiveController {
  readonly #host: UnitSourceHost;
  readonly #task: Task<readonly [string], UnitCatalogue | undefined>;
  #given: readonly AdministrativeUnit[] | undefined;
  #givenCatalogue: UnitCatalogue | undefined;
  /** Provinces asked for from this catalogue (asked once; a failure is asked again on reconnect). */
  #asked = new Set<string>();
  #failed = new Set<string>();
  #askedFor: UnitCatalogue | undefined;
  #connected = false;
  readonly lookup: UnitLookup = { get: (code) => this.unit(code) };

  constructor(host: UnitSourceHost) {
    this.#host = host;
    host.addController(this);
    this.#task = new Task(host, {
      task: async ([src], { signal }) => (src ? openUnitCatalogue(src, { signal }) : undefined),
      args: () => [host.units ? '' : host.unitsSrc] as const,
    });
  }

  /** The catalogue in use (undefined while loading or when there is none). */
  get catalogue(): UnitCatalogue | undefined {
    const given = this.#host.units;
    if (given) {
      if (given !== this.#given) {
        this.#given = given;
        this.#givenCatalogue = catalogueFromUnits(given);
      }
      return this.#givenCatalogue;
    }
    return this.#task.value;
  }

  /** The units source could not be opened. */
  get failed(): boolean {
    return !this.#host.units && this.#task.error !== undefined;
  }

  /** Whether a province's list failed to load. */
  provinceFailed(provinceCode: string): boolean {
    return this.#failed.has(provinceCode);
  }

  /**
   * Starts loading a province's wards unless loaded or already asked for; the host updates when
   * they arrive. Safe to call while rendering (the load starts after the current task).
   */
  want(provinceCode: string): void {
    const catalogue = this.catalogue;
    if (!catalogue || !/^\d{2}$/.test(provinceCode) || catalogue.loaded(provinceCode)) return;
    if (catalogue !== this.#askedFor) {
      this.#askedFor = catalogue;
      this.#asked.clear();
      this.#failed.clear();
    }
    if (this.#asked.has(provinceCode)) return;
    this.#asked.add(provinceCode);
    queueMicrotask(() => {
      catalogue.load(provinceCode).then(
        () => {
          this.#failed.delete(provinceCode);
          if (this.#connected) this.#host.requestUpdate();
        },
        () => {
          this.#failed.add(provinceCode);
          if (this.#connected) this.#host.requestUpdate();
        },
      );
    });
  }

  /** A province or ward by code; an unknown ward code asks for its province's file. */
  unit(code: string, provinceCode?: string): AdministrativeUnit | undefined {
    const catalogue = this.catalogue;
    if (!catalogue) return undefined;
    const found = catalogue.unit(code);
    if (found) return found;
    const province = provinceCode ?? catalogue.provinceOf(code);
    if (province) this.want(province);
    return undefined;
  }

  hostConnected(): void {
    this.#connected = true;
    // A province that failed (e.g. offline) is tried again when the element comes back.
    for (const code of this.#failed) this.#asked.delete(code);
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#task.abort();
  }
}
