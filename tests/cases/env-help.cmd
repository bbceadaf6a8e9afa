$AD env --help
