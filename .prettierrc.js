// n8n's community-node prettier settings (tabs, single quotes, width 100) for the n8n package.
// The service, model tools, tests and benchmarks keep two-space indentation.
module.exports = {
	semi: true,
	trailingComma: 'all',
	bracketSpacing: true,
	useTabs: true,
	tabWidth: 2,
	arrowParens: 'always',
	singleQuote: true,
	quoteProps: 'as-needed',
	endOfLine: 'lf',
	printWidth: 100,
	overrides: [
		{
			files: ['server/**', 'models/**', 'test/**', 'bench/**', '.ci/**', 'examples/**'],
			options: { useTabs: false },
		},
	],
};
