// Hash routes, so that the app works from any static host and offline:
// #/ start · #/customers[?grade=…] · #/customers/new · #/customers/<id> · #/risk · #/model · #/settings

export type Route =
  | { name: 'start' }
  | { name: 'customers'; grade?: string }
  | { name: 'risk' }
  | { name: 'model' }
  | { name: 'segments' }
  | { name: 'new-customer' }
  | { name: 'customer'; id: string }
  | { name: 'settings' };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/customers') return { name: 'customers' };
  const list = /^\/customers\?grade=(\w+)$/.exec(path);
  if (list) return { name: 'customers', grade: list[1] };
  if (path === '/risk') return { name: 'risk' };
  if (path === '/model') return { name: 'model' };
  if (path === '/segments') return { name: 'segments' };
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
      return route.grade ? `#/customers?grade=${route.grade}` : '#/customers';
    case 'risk':
    case 'model':
    case 'segments':
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
