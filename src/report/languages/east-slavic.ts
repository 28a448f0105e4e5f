/**
 * The endings a Ukrainian or Russian noun or adjective takes in any case and number; the two
 * languages share most of them, and one list serves both tables.
 */
export const EAST_SLAVIC_ENDINGS: readonly string[] = [
  'ами', 'ями', 'ого', 'ього', 'ому', 'ьому', 'ими', 'іми', 'ыми', 'ьої',
  'ою', 'ею', 'єю', 'ів', 'їв', 'ей', 'ам', 'ям', 'ах', 'ях', 'ом', 'ем', 'єм', 'ий', 'ій', 'ої', 'им', 'ім', 'их', 'іх',
  'ый', 'ой', 'ая', 'яя', 'ое', 'ее', 'ые', 'ие', 'его', 'ему', 'ым', 'ую', 'юю', 'ых', 'ов', 'ев',
  'а', 'я', 'и', 'і', 'ї', 'у', 'ю', 'е', 'є', 'о', 'ы', 'ь',
];
