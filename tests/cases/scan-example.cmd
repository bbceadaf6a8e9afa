# needs: scan/demo
$AD --target node@20 scan/demo
