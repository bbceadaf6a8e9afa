# needs: scan/cycle
$AD --json --target node@20 scan/cycle
