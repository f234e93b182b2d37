/**
 * Word material for the bench data: what customers, agents and the bot of a Brazilian
 * distributor write on WhatsApp. Sentences are combined at random, so rows differ in length
 * the way real ones do (one word to a few lines).
 */

export const firstNames = [
  'Ana', 'Bruno', 'Carla', 'Diego', 'Eduarda', 'Felipe', 'Gabriela', 'Heitor', 'Isabela', 'João',
  'Karina', 'Lucas', 'Mariana', 'Nicolas', 'Olívia', 'Paulo', 'Queila', 'Rafael', 'Sofia', 'Thiago',
  'Úrsula', 'Vinícius', 'Wesley', 'Yasmin', 'Zeca', 'Letícia', 'Murilo', 'Renata', 'Sérgio', 'Tatiane',
];

export const lastNames = [
  'Almeida', 'Barbosa', 'Cardoso', 'Dias', 'Esteves', 'Ferreira', 'Gomes', 'Hoffmann', 'Ishikawa', 'Jardim',
  'Lima', 'Machado', 'Nogueira', 'Oliveira', 'Pereira', 'Queiroz', 'Ribeiro', 'Santos', 'Teixeira', 'Vasconcelos',
  'Xavier', 'Yamamoto', 'Zanetti', 'Costa', 'Moreira', 'Rocha', 'Souza', 'Campos', 'Pinto', 'Fontes',
];

export const companies = [
  'Mercado Bom Preço', 'Padaria Pão Dourado', 'Farmácia Vida Plena', 'Auto Peças Rodovia', 'Construtora Alicerce',
  'Restaurante Sabor Caseiro', 'Loja Estilo Urbano', 'Clínica Sorriso', 'Pet Shop Amigo Fiel', 'Oficina do Zé',
];

export const cities = ['São Paulo', 'Campinas', 'Santos', 'Curitiba', 'Belo Horizonte', 'Rio de Janeiro', 'Porto Alegre', 'Recife', 'Goiânia', 'Salvador'];

export const streets = ['Rua das Acácias', 'Avenida Paulista', 'Rua XV de Novembro', 'Avenida Brasil', 'Rua Augusta', 'Rua dos Ipês', 'Alameda Santos', 'Rua Sete de Setembro'];

export const customerLines = [
  'Bom dia!', 'Boa tarde, tudo bem?', 'Oi, preciso de ajuda com um pedido.',
  'Vocês ainda têm o fardo de 12 unidades em estoque?', 'Qual o prazo de entrega para Campinas?',
  'O boleto venceu ontem, consigo pagar com juros ou precisa gerar outro?',
  'Recebi a mercadoria mas veio uma caixa a menos.', 'Pode me mandar a tabela de preços atualizada?',
  'Obrigado!', 'Perfeito, fechado então.', 'Vou conversar com meu sócio e te retorno.',
  'Consegue fazer um desconto para pagamento à vista?', 'A nota fiscal saiu com o CNPJ errado.',
  'Meu pedido ainda não chegou, o código de rastreio não atualiza desde segunda.',
  'Quero incluir mais 30 unidades no pedido de amanhã.', 'Vocês entregam no sábado?',
  'Segue o comprovante do PIX.', 'Ok', 'Combinado 👍', 'Pode ser depois das 14h?',
  'O produto chegou com a embalagem amassada, vou mandar foto.', 'Tem como parcelar em 3 vezes no cartão?',
  'Preciso cancelar o último pedido, o cliente desistiu.', 'Qual o valor do frete para 200 kg?',
  'Estou sem acesso ao portal, a senha não funciona.', 'Bom dia, o motorista já saiu para entrega?',
  'Vocês trabalham com a linha sem lactose também?', 'Manda o link de pagamento por favor.',
  'Esse preço é com impostos inclusos?', 'Beleza, aguardo.',
];

export const agentLines = [
  'Bom dia! Aqui é da equipe comercial, como posso ajudar?', 'Claro, vou verificar e já te retorno.',
  'O prazo para a sua região é de 2 a 3 dias úteis.', 'Segue a tabela atualizada deste mês.',
  'Consegui 5% de desconto para pagamento à vista.', 'Já gerei um novo boleto com vencimento para sexta-feira.',
  'Lamento pelo transtorno! Vou abrir uma ocorrência com a transportadora.',
  'Pode me enviar uma foto da etiqueta da caixa, por favor?', 'Pedido incluído com sucesso.',
  'A nota corrigida será emitida hoje à tarde.', 'Sim, entregamos aos sábados até as 12h.',
  'Obrigado pelo contato, qualquer dúvida estou à disposição.', 'Recebemos o comprovante, obrigado!',
  'Vou pedir para o financeiro liberar o pedido.', 'O código de rastreio é BR123456789SP.',
  'Para esse volume o frete sai por conta da empresa.', 'Conferi aqui e o estoque está reservado para você.',
  'Perfeito, anotado.', 'Consegue confirmar o endereço de entrega?', 'Só um momento, por favor.',
  'O motorista está a caminho, previsão de chegada em 40 minutos.',
  'Sobre o cancelamento: como o pedido já foi faturado, precisamos da devolução pela transportadora.\nEu cuido do agendamento da coleta.',
];

export const botLines = [
  'Olá! Sou o assistente virtual. Escolha uma opção: 1) Pedidos 2) Financeiro 3) Falar com um atendente',
  'Seu pedido está em separação e deve sair para entrega amanhã.',
  'Nosso horário de atendimento é de segunda a sexta, das 8h às 18h.',
  'Um atendente vai falar com você em instantes.',
  'Não entendi sua mensagem. Digite o número de uma das opções.',
];

export const systemLines = [
  'Ticket transferido para a fila Comercial', 'Ticket atribuído a Ana Lima', 'Ticket reaberto',
  'Cliente retornou após 24 horas', 'Atendimento retomado pelo agente',
];

export const noteLines = [
  'Cliente prefere contato depois das 14h.', 'Já negociado desconto de 5% no último pedido, não oferecer de novo.',
  'Aguardando retorno do financeiro sobre o boleto duplicado.', 'Pedido grande previsto para o fim do mês, acompanhar.',
  'Reclamou de atraso duas vezes este ano: priorizar a entrega.', 'Conferir com a logística se a coleta foi agendada.',
  'Atenção: o CNPJ mudou em março, usar o novo cadastro.',
];

export const captions = ['Foto do produto', 'Segue a nota', 'Olha como chegou', 'Comprovante', 'Catálogo novo', ''];

export const documents = ['pedido-4821.pdf', 'nota-fiscal-0093.pdf', 'tabela-precos-2025.xlsx', 'comprovante-pix.pdf', 'contrato-fornecimento.docx'];

export const emojis = ['👍', '❤️', '😂', '🙏', '😮', '✅'];

export const tags = ['venda', 'orçamento', 'financeiro', 'entrega', 'reclamação', 'troca', 'pós-venda'];

export const templates = ['lembrete_pagamento', 'pedido_enviado', 'retomar_conversa'];
