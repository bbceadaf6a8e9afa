# needs: scan/npm
$AD --target node@20 scan/npm
