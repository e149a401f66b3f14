/**
 * Message templates (issue 12): pt-BR texts with `{placeholder}`s the shop edits. Each kind of
 * message knows its placeholders; a template naming another one is refused when saved.
 */
export const TEMPLATE_KINDS = ['lembrete', 'pronto', 'orcamento', 'aniversario', 'relatorio', 'documento'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export const TEMPLATE_PLACEHOLDERS: Record<TemplateKind, readonly string[]> = {
  lembrete: ['cliente', 'empresa', 'valor', 'vencimento', 'itens', 'pix'],
  pronto: ['cliente', 'empresa', 'pedido', 'valor', 'endereco', 'horario'],
  orcamento: ['cliente', 'empresa', 'pedido', 'valor', 'validade'],
  aniversario: ['cliente', 'empresa'],
  relatorio: ['empresa', 'semana', 'vendas', 'pedidos'],
  documento: ['cliente', 'empresa', 'documento', 'pedido', 'valor', 'validade'],
};

export interface Template {
  subject: string;
  body: string;
}

export const DEFAULT_TEMPLATES: Record<TemplateKind, Template> = {
  lembrete: {
    subject: '{empresa}: lembrete de pagamento',
    body:
      'Olá, {cliente}! Passando para lembrar dos valores em aberto com a {empresa}:\n{itens}\n' +
      'Total: {valor} (próximo vencimento {vencimento}).\nPix copia e cola:\n{pix}\nSe já pagou, desconsidere. Obrigado!',
  },
  pronto: {
    subject: '{empresa}: seu pedido {pedido} está pronto',
    body: 'Olá, {cliente}! Seu pedido {pedido} está pronto para retirada.\nEndereço: {endereco}\nHorário: {horario}\n{empresa}',
  },
  orcamento: {
    subject: '{empresa}: seu orçamento {pedido} vence em {validade}',
    body: 'Olá, {cliente}! O orçamento {pedido} ({valor}) vale até {validade}. Podemos seguir com ele? {empresa}',
  },
  aniversario: {
    subject: 'Feliz aniversário, {cliente}!',
    body: 'Feliz aniversário, {cliente}! Toda a equipe da {empresa} deseja um ótimo dia.',
  },
  relatorio: {
    subject: '{empresa}: relatório da semana {semana}',
    body: 'Resumo da semana {semana}: vendas {vendas} em {pedidos} pedido(s). O PDF completo está em anexo.',
  },
  documento: {
    subject: '{empresa}: {documento} {pedido}',
    body:
      'Olá, {cliente}! Segue em anexo o {documento} {pedido} ({valor}).\n' +
      'Qualquer dúvida, é só responder este e-mail.\n{empresa}',
  },
};

const PLACEHOLDER = /\{([^{}\s]*)\}/g;

/** The placeholder names a text uses, in order, each once. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/** Placeholders the kind does not know (empty: the text may be saved). */
export function unknownPlaceholders(kind: TemplateKind, text: string): string[] {
  const known = TEMPLATE_PLACEHOLDERS[kind];
  return placeholdersOf(text).filter((p) => !known.includes(p));
}

/** Fills a template; a placeholder without a value is left as written. */
export function renderTemplate(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name] ?? '') : whole,
  );
}
