'use strict';

/** The repository's own ESLint rules (flat config plugin `platform`). */
module.exports = {
  meta: { name: 'platform-eslint-rules' },
  rules: {
    'require-access-declaration': require('./require-access-declaration.cjs'),
  },
};
