import nx from '@nx/eslint-plugin';

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/tmp', '**/coverage'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx'],
    rules: {
      // Module boundaries that mean something: the protocol library imports
      // nothing, so it is safe in the browser bundle; the web client never
      // reaches into the API; the API shares only the protocol with it.
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$'],
          depConstraints: [
            { sourceTag: 'scope:protocol', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:protocol'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:protocol'] },
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:protocol'] },
            { sourceTag: 'scope:bench', onlyDependOnLibsWithTags: ['scope:protocol'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
];
