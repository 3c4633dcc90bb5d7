// Prints the ids gpt-3-encoder's encode() gives for each file named on the command line, as a JSON list of lists.
const { encode } = require('gpt-3-encoder');
const fs = require('fs');
const ids = process.argv.slice(2).map(f => encode(fs.readFileSync(f, 'utf8')));
process.stdout.write(JSON.stringify(ids));
