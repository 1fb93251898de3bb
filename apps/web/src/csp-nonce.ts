/**
 * The page's style nonce (the server writes it into a <meta> with each page load; see
 * apps/api/src/security.ts), or undefined under `vite dev`, which sets no policy.
 *
 * antd hands the nonce to its own style writer (ConfigProvider `csp`), but a few components below it
 * (the modal's scroll lock, the scrollbar measurer in @rc-component/util) write <style> elements
 * with no way to pass one. So every <style> the app creates through document.createElement gets
 * it here. This widens nothing: a script that could call createElement already runs as us, and
 * markup injected as HTML is parsed, not created, so it never gets the nonce.
 */
export const styleNonce: string | undefined =
  document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content || undefined;

if (styleNonce) {
  const create = document.createElement.bind(document) as (tagName: string, options?: ElementCreationOptions) => HTMLElement;
  document.createElement = function createElement(tagName: string, options?: ElementCreationOptions) {
    const element = create(tagName, options);
    if (element instanceof HTMLStyleElement) element.nonce = styleNonce;
    return element;
  } as typeof document.createElement;
}
