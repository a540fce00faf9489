// Who uses this device, as an owner name ("I am …"), and whether Today, the list and the
// actions show only what that owner holds. Kept in this browser only: a book shared with a
// colleague never carries it.

const NAME = 'custos.me';
const MINE = 'custos.mine';

class Me {
  name = $state(globalThis.localStorage?.getItem(NAME) ?? '');
  mine = $state(globalThis.localStorage?.getItem(MINE) === '1');

  setName(name: string): void {
    this.name = name.trim();
    localStorage.setItem(NAME, this.name);
  }

  setMine(on: boolean): void {
    this.mine = on;
    localStorage.setItem(MINE, on ? '1' : '0');
  }

  /** The owner to filter by, when "only mine" is on and a name is given. */
  get owner(): string | undefined {
    return this.mine && this.name ? this.name : undefined;
  }
}

export const me = new Me();
