import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { Notice } from './ErrorBox';

/** The page shown for a record id that does not exist (or no longer does), with a way back to its list. */
export function RecordNotFound({
  testId,
  children,
  back,
}: {
  testId: string;
  children: ReactNode;
  back?: { href: string; label: ReactNode };
}) {
  return (
    <section className="page">
      <Notice tone="warn" testId={testId}>
        {children}
      </Notice>
      {back && (
        <Link href={back.href} className="btn">
          {back.label}
        </Link>
      )}
    </section>
  );
}
