# needs: scan/yarn
$AD --target node@20 scan/yarn
