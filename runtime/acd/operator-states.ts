/**
 * Operator states (seed 001: «Готов», «Не готов», «На обед», «Перерыв», «Работаю»; ARCHITECTURE 6).
 * Seven are built in; a tenant adds its own ("Training", "Back office", "Overtime"), each marked
 * whether the ACD may offer calls in it. Busy, WrapUp and LoggedOut are set by the system only
 * (a call, its wrap-up, log-out); an operator may pick any other state.
 */

export const BUILTIN_STATES = ['Ready', 'NotReady', 'Lunch', 'Break', 'Busy', 'WrapUp', 'LoggedOut'] as const;
export type BuiltinState = (typeof BUILTIN_STATES)[number];

/** States only the ACD sets: an operator asking for them gets an error. */
export const SYSTEM_STATES: ReadonlySet<string> = new Set(['Busy', 'WrapUp', 'LoggedOut']);

export interface StateTitle {
  en: string;
  ru: string;
}

export interface StateDefinition {
  name: string;
  /** The ACD offers calls only in states that take calls. */
  takesCalls: boolean;
  builtin: boolean;
  title: StateTitle;
}

/** A tenant's own state, as configured by an admin. */
export interface CustomStateConfig {
  name: string;
  takesCalls: boolean;
  title?: Partial<StateTitle>;
}

const BUILTIN: StateDefinition[] = [
  { name: 'Ready', takesCalls: true, builtin: true, title: { en: 'Ready', ru: 'Готов' } },
  { name: 'NotReady', takesCalls: false, builtin: true, title: { en: 'Not ready', ru: 'Не готов' } },
  { name: 'Lunch', takesCalls: false, builtin: true, title: { en: 'Lunch', ru: 'На обед' } },
  { name: 'Break', takesCalls: false, builtin: true, title: { en: 'Break', ru: 'Перерыв' } },
  { name: 'Busy', takesCalls: false, builtin: true, title: { en: 'On a call', ru: 'Разговор' } },
  { name: 'WrapUp', takesCalls: false, builtin: true, title: { en: 'Wrap-up', ru: 'Работаю' } },
  { name: 'LoggedOut', takesCalls: false, builtin: true, title: { en: 'Logged out', ru: 'Не в системе' } },
];

const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,39}$/;

export class StateCatalog {
  private readonly states = new Map<string, StateDefinition>();

  constructor(custom: readonly CustomStateConfig[] = []) {
    for (const state of BUILTIN) this.states.set(state.name, state);
    for (const state of custom) {
      if (!NAME.test(state.name))
        throw new Error(`operator state name '${state.name}' must be a word like Training`);
      if (this.states.has(state.name)) throw new Error(`operator state '${state.name}' is defined twice`);
      this.states.set(state.name, {
        name: state.name,
        takesCalls: state.takesCalls,
        builtin: false,
        title: { en: state.title?.en ?? state.name, ru: state.title?.ru ?? state.title?.en ?? state.name },
      });
    }
  }

  has(name: string): boolean {
    return this.states.has(name);
  }

  get(name: string): StateDefinition | undefined {
    return this.states.get(name);
  }

  takesCalls(name: string): boolean {
    return this.states.get(name)?.takesCalls ?? false;
  }

  /** States an operator may choose in the console. */
  selectable(): StateDefinition[] {
    return [...this.states.values()].filter((s) => !SYSTEM_STATES.has(s.name));
  }

  list(): StateDefinition[] {
    return [...this.states.values()];
  }
}
