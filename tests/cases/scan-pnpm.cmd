# needs: scan/pnpm
$AD --target node@18 scan/pnpm
