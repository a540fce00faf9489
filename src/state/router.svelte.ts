// Hash routes, so that the app works from any static host and offline:
// #/ start · #/customers · #/customers/new · #/customers/<id> · #/settings

export type Route =
  | { name: 'start' }
  | { name: 'customers' }
  | { name: 'new-customer' }
  | { name: 'customer'; id: string }
  | { name: 'settings' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/customers') return { name: 'customers' };
  if (path === '/customers/new') return { name: 'new-customer' };
  const m = /^\/customers\/(.+)$/.exec(path);
  if (m) return { name: 'customer', id: decodeURIComponent(m[1]) };
  if (path === '/settings') return { name: 'settings' };
  return { name: 'start' };
}

export function hrefOf(route: Route): string {
  switch (route.name) {
    case 'customer':
      return `#/customers/${encodeURIComponent(route.id)}`;
    case 'new-customer':
      return '#/customers/new';
    case 'customers':
    case 'settings':
      return `#/${route.name}`;
    default:
      return '#/';
  }
}

class Router {
  route = $state<Route>(parseRoute(globalThis.location?.hash ?? ''));

  constructor() {
    globalThis.addEventListener?.('hashchange', () => (this.route = parseRoute(location.hash)));
  }

  go(route: Route): void {
    const href = hrefOf(route);
    if (location.hash !== href) location.hash = href;
    this.route = route;
  }
}

export const router = new Router();
