$AD explain --help
