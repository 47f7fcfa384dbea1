const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: {
    path: join(__dirname, '../dist/api'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
      // GET /api/ws-docs serves these from dist/api/ws-docs (see ws-docs.controller.ts).
      assets: [
        { input: 'api/src/ws-docs/page', glob: '*', output: 'ws-docs' },
        { input: 'libs/protocol/src', glob: 'asyncapi.json', output: 'ws-docs' },
        { input: 'node_modules/@asyncapi/react-component/browser/standalone', glob: 'index.js', output: 'ws-docs/viewer' },
        { input: 'node_modules/@asyncapi/react-component/styles', glob: 'default.min.css', output: 'ws-docs/viewer' },
      ],
    }),
  ],
};
