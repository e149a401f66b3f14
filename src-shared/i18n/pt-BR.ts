/** pt-BR messages (the default language). Keys are shared with en.ts. */
export const ptBR = {
  'error.VALIDATION': 'Dados inválidos. Confira os campos destacados.',
  'error.UNAUTHENTICATED': 'Sua sessão expirou ou não existe. Entre novamente.',
  'error.FORBIDDEN': 'Você não tem permissão para fazer isso.',
  'error.NOT_FOUND': 'Registro não encontrado.',
  'error.CONFLICT': 'Conflito com dados já existentes.',
  'error.STALE_VERSION':
    'Outra pessoa alterou este registro enquanto você editava. Recarregue para ver a versão atual.',
  'error.TOO_LARGE': 'O conteúdo enviado é grande demais.',
  'error.BUSINESS_RULE': 'A operação não é permitida pelas regras do sistema.',
  'error.RATE_LIMITED': 'Muitas tentativas. Aguarde alguns minutos e tente de novo.',
  'error.INTERNAL': 'Erro inesperado no servidor. Tente de novo; se persistir, avise o administrador.',
  'error.NETWORK': 'Sem conexão com o computador principal. Verifique a rede e tente de novo.',
  'error.invalidJson': 'O corpo da requisição não é um JSON válido.',
  'error.unknownRoute': 'Endereço não encontrado.',
  'error.unknownProcedure': 'Operação desconhecida.',
  'error.unknownField': 'Campo não reconhecido.',
  'error.tooLarge': 'O conteúdo enviado é grande demais.',
  'field.required': 'Campo obrigatório.',
  'field.cpf': 'CPF inválido: confira os dígitos.',
  'field.cnpj': 'CNPJ inválido: confira os dígitos.',
  'field.document': 'CPF ou CNPJ inválido: confira os dígitos.',
  'field.documentKindPF': 'Pessoa física usa CPF (11 dígitos).',
  'field.documentKindPJ': 'Pessoa jurídica usa CNPJ (14 dígitos).',
  'field.phone': 'Telefone inválido: use DDD + número, ex. (11) 98765-4321.',
  'field.cep': 'CEP inválido: use 8 dígitos, ex. 01310-100.',
  'field.uf': 'UF inválida.',
  'field.email': 'E-mail inválido.',
  'field.date': 'Data inválida: use dd/mm/aaaa.',
  'field.futureDate': 'A data não pode estar no futuro.',
  'field.money': 'Valor inválido: use R$ 0,00.',
  'field.password': 'A senha precisa ter pelo menos 8 caracteres.',
  'field.username': 'Use de 3 a 40 letras, números, ponto, hífen ou sublinhado.',
  'field.tooLong': 'Texto longo demais (máximo {max} caracteres).',
  'field.tooShort': 'Texto curto demais (mínimo {min} caracteres).',
  'error.METHOD_NOT_ALLOWED': 'Método não permitido neste endereço.',
  'error.URI_TOO_LONG': 'O endereço da requisição é longo demais.',
  'error.UNSUPPORTED_MEDIA':
    'Tipo de conteúdo não aceito. Envie JSON (application/json) ou, para imagens, multipart/form-data.',
  'error.MISDIRECTED':
    'Este servidor não atende por este nome de computador. Use o endereço do Balcão na rede da loja.',
  'error.STORAGE_FULL':
    'O disco do computador principal está cheio: nada foi gravado. Libere espaço no disco e tente de novo; as consultas continuam funcionando.',
  'error.conflictInUse': 'Este registro está ligado a outros dados e não pode ser apagado ou alterado assim.',
  'error.conflictDuplicate': 'Já existe um registro com esses dados.',
  'error.inconsistent': 'Os dados enviados não são consistentes com o que já está gravado.',
  'error.idempotencyMismatch':
    'Esta chave de idempotência (Idempotency-Key) já foi usada para outra operação ou com outros dados. Gere uma chave nova para cada operação.',
  'error.invalidUtf8': 'O corpo da requisição tem texto com codificação inválida (use UTF-8).',
  'error.badUrl': 'Endereço inválido (codificação com % malformada).',
  'error.multipartBoundary': 'Envio multipart sem "boundary": o arquivo não pôde ser lido.',
  'error.controlChars': 'O texto tem caracteres de controle não permitidos.',
  'error.setupLocalOnly':
    'A configuração inicial só pode ser feita no próprio computador principal (endereço 127.0.0.1).',
  'error.fileLink': 'Link de arquivo inválido ou expirado. Abra o documento de novo pelo Balcão.',
} as const;

export type MessageKey = keyof typeof ptBR;
