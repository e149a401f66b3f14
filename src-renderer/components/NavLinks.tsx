import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';

/** A side-menu link, marked active on its own page and the pages under it. */
export function NavItem({ href, children, testId }: { href: string; children: ReactNode; testId: string }) {
  const [location] = useLocation();
  const active = location === href || location.startsWith(`${href}/`);
  return (
    <Link
      href={href}
      className={active ? 'nav-link active' : 'nav-link'}
      aria-current={active ? 'page' : undefined}
      data-testid={testId}
    >
      {children}
    </Link>
  );
}

export interface NavLinkDef {
  href: string;
  testId: string;
  label: string;
  /** False hides the link (the user's role does not reach it). */
  show?: boolean;
}

/** A group of side-menu links, in order, leaving out the hidden ones. */
export function NavLinks({ links }: { links: readonly NavLinkDef[] }) {
  return (
    <>
      {links
        .filter((link) => link.show !== false)
        .map((link) => (
          <NavItem key={link.href} href={link.href} testId={link.testId}>
            {link.label}
          </NavItem>
        ))}
    </>
  );
}
