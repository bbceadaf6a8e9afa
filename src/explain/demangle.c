/*
 * demangle.c - a small, bounded Itanium C++ ABI demangler for the names
 * that show up in "undefined symbol" messages (V8 / Node / libstdc++ API:
 * nested names, templates, the common builtin and qualified types,
 * substitutions, constructors and destructors).
 *
 * Follows the grammar of the Itanium C++ ABI, section 5.1 "External
 * Names".  Anything outside the subset (local names, lambdas, function
 * types, expressions...) makes demangle() return false, and the caller says
 * "a mangled C++ name" instead of guessing.  Recursion depth, the
 * substitution table and the output are all capped.
 */
#include "explain.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#define DM_MAX_SUBS 64
#define DM_SUB_LEN 256
#define DM_MAX_DEPTH 48

struct dm {
	const char *p, *end;
	int depth;
	bool fail;
	int nsubs;
	char subs[DM_MAX_SUBS][DM_SUB_LEN];
	int ntpl;                 /* template args of the outermost name, for T_ */
	char tpl[8][DM_SUB_LEN];
};

/* A bounded string under construction. */
struct ds {
	char *s;
	size_t cap, len;
	bool over;
};

static void ds_put(struct ds *d, const char *t, size_t n)
{
	if (d->len + n >= d->cap) {
		d->over = true;
		return;
	}
	memcpy(d->s + d->len, t, n);
	d->len += n;
	d->s[d->len] = '\0';
}

static void ds_puts(struct ds *d, const char *t)
{
	ds_put(d, t, strlen(t));
}

static void add_sub(struct dm *m, const char *s)
{
	if (m->nsubs < DM_MAX_SUBS && strlen(s) < DM_SUB_LEN)
		snprintf(m->subs[m->nsubs++], DM_SUB_LEN, "%s", s);
	else
		m->fail = true; /* later S<n>_ references would be wrong */
}

static bool eat(struct dm *m, const char *t)
{
	size_t n = strlen(t);
	if ((size_t)(m->end - m->p) >= n && !memcmp(m->p, t, n)) {
		m->p += n;
		return true;
	}
	return false;
}

static bool type(struct dm *m, struct ds *out);

/* <source-name> ::= <positive length number> <identifier> */
static bool source_name(struct dm *m, struct ds *out)
{
	size_t n = 0;
	if (m->p >= m->end || !isdigit((unsigned char)*m->p))
		return false;
	while (m->p < m->end && isdigit((unsigned char)*m->p)) {
		n = n * 10 + (size_t)(*m->p++ - '0');
		if (n > 4096)
			return false;
	}
	if (n == 0 || (size_t)(m->end - m->p) < n)
		return false;
	/* GCC names anonymous namespaces _GLOBAL__N_1. */
	if (n >= 10 && !memcmp(m->p, "_GLOBAL__N", 10))
		ds_puts(out, "(anonymous namespace)");
	else
		ds_put(out, m->p, n);
	m->p += n;
	return true;
}

static const struct { const char *code, *name; } operators[] = {
	{ "nw", "operator new" }, { "na", "operator new[]" }, { "dl", "operator delete" },
	{ "da", "operator delete[]" }, { "pl", "operator+" }, { "mi", "operator-" },
	{ "ml", "operator*" }, { "dv", "operator/" }, { "eq", "operator==" }, { "ne", "operator!=" },
	{ "lt", "operator<" }, { "gt", "operator>" }, { "le", "operator<=" }, { "ge", "operator>=" },
	{ "aS", "operator=" }, { "ix", "operator[]" }, { "cl", "operator()" }, { "ls", "operator<<" },
	{ "rs", "operator>>" }, { "nt", "operator!" }, { "pt", "operator->" }, { "pp", "operator++" },
	{ "mm", "operator--" }, { "ad", "operator&" }, { "de", "operator*" }, { "co", "operator~" },
	{ "pL", "operator+=" }, { "mI", "operator-=" }, { "aa", "operator&&" }, { "oo", "operator||" },
};

static const struct { char code; const char *name; } builtins[] = {
	{ 'v', "void" }, { 'b', "bool" }, { 'c', "char" }, { 'a', "signed char" },
	{ 'h', "unsigned char" }, { 's', "short" }, { 't', "unsigned short" }, { 'i', "int" },
	{ 'j', "unsigned int" }, { 'l', "long" }, { 'm', "unsigned long" }, { 'x', "long long" },
	{ 'y', "unsigned long long" }, { 'n', "__int128" }, { 'o', "unsigned __int128" },
	{ 'f', "float" }, { 'd', "double" }, { 'e', "long double" }, { 'w', "wchar_t" },
	{ 'z', "..." },
};

/* S_ / S<seq-id>_ and the std:: abbreviations. */
static bool substitution(struct dm *m, struct ds *out)
{
	if (!eat(m, "S"))
		return false;
	if (m->p >= m->end)
		return false;
	char c = *m->p;
	const char *abbr = NULL;
	switch (c) {
	case 't': abbr = "std"; break;
	case 'a': abbr = "std::allocator"; break;
	case 'b': abbr = "std::basic_string"; break;
	case 's': abbr = "std::string"; break;
	case 'i': abbr = "std::istream"; break;
	case 'o': abbr = "std::ostream"; break;
	case 'd': abbr = "std::iostream"; break;
	default: break;
	}
	if (abbr) {
		m->p++;
		ds_puts(out, abbr);
		return true;
	}
	size_t idx = 0;
	if (c != '_') {
		/* base-36 seq-id, digits and upper-case letters, then +1 */
		size_t v = 0;
		while (m->p < m->end && *m->p != '_') {
			char d = *m->p++;
			if (isdigit((unsigned char)d))
				v = v * 36 + (size_t)(d - '0');
			else if (d >= 'A' && d <= 'Z')
				v = v * 36 + (size_t)(d - 'A' + 10);
			else
				return false;
			if (v > DM_MAX_SUBS)
				return false;
		}
		idx = v + 1;
	}
	if (!eat(m, "_") || idx >= (size_t)m->nsubs)
		return false;
	ds_puts(out, m->subs[idx]);
	return true;
}

/* I <template-arg>+ E, appended as "<a, b>". */
static bool template_args(struct dm *m, struct ds *out, bool record)
{
	if (!eat(m, "I"))
		return false;
	ds_puts(out, "<");
	bool first = true;
	while (m->p < m->end && *m->p != 'E') {
		char buf[DM_SUB_LEN];
		struct ds a = { buf, sizeof buf, 0, false };
		buf[0] = '\0';
		if (*m->p == 'L') {
			/* L <type> <value number> E: an integer literal */
			m->p++;
			char tb[DM_SUB_LEN];
			struct ds t = { tb, sizeof tb, 0, false };
			tb[0] = '\0';
			if (!type(m, &t))
				return false;
			if (eat(m, "n"))
				ds_puts(&a, "-");
			const char *s = m->p;
			while (m->p < m->end && isdigit((unsigned char)*m->p))
				m->p++;
			if (s == m->p || !eat(m, "E"))
				return false;
			if (!strcmp(tb, "bool"))
				ds_puts(&a, *s == '0' ? "false" : "true");
			else
				ds_put(&a, s, (size_t)(m->p - s));
		} else if (!type(m, &a)) {
			return false;
		}
		if (a.over)
			return false;
		if (record && m->ntpl < 8)
			snprintf(m->tpl[m->ntpl++], DM_SUB_LEN, "%s", buf);
		if (!first)
			ds_puts(out, ", ");
		ds_puts(out, buf);
		first = false;
	}
	if (!eat(m, "E"))
		return false;
	/* "<a<b> >": keep the C++03 space so ">>" never appears. */
	if (out->len && out->s[out->len - 1] == '>')
		ds_puts(out, " ");
	ds_puts(out, ">");
	return true;
}

/*
 * <nested-name> ::= N [K] [R|O] <prefix components> E.  Every prefix is a
 * substitution candidate.  *last_is_tpl reports whether the name ended with
 * template arguments (then a function's first type is its return type).
 */
static bool nested_name(struct dm *m, struct ds *out, bool *is_const, bool *last_is_tpl)
{
	if (!eat(m, "N"))
		return false;
	*is_const = eat(m, "K");
	eat(m, "R");
	eat(m, "O");
	char last[DM_SUB_LEN] = "";
	bool first = true;
	while (m->p < m->end && *m->p != 'E') {
		if (m->fail || ++m->depth > DM_MAX_DEPTH)
			return false;
		*last_is_tpl = false;
		if (*m->p == 'S' && first) {
			if (!substitution(m, out))
				return false;
			/* "St" is not itself a candidate; other substitutions already are. */
			first = false;
			m->depth--;
			continue;
		}
		if (*m->p == 'I') {
			if (!template_args(m, out, true))
				return false;
			*last_is_tpl = true;
		} else {
			if (!first)
				ds_puts(out, "::");
			if (*m->p == 'C' && m->p + 1 < m->end && strchr("123", m->p[1])) {
				m->p += 2;
				ds_puts(out, last);
			} else if (*m->p == 'D' && m->p + 1 < m->end && strchr("012", m->p[1])) {
				m->p += 2;
				ds_puts(out, "~");
				ds_puts(out, last);
			} else if (isdigit((unsigned char)*m->p)) {
				size_t s = out->len;
				if (!source_name(m, out))
					return false;
				snprintf(last, sizeof last, "%.*s", (int)(out->len - s), out->s + s);
			} else {
				bool ok = false;
				for (size_t i = 0; i < sizeof operators / sizeof operators[0]; i++)
					if (eat(m, operators[i].code)) {
						ds_puts(out, operators[i].name);
						ok = true;
						break;
					}
				if (!ok)
					return false;
			}
		}
		first = false;
		m->depth--;
		if (out->over)
			return false;
		/* The whole prefix so far is a candidate, unless it is the full name. */
		if (m->p < m->end && *m->p != 'E')
			add_sub(m, out->s);
	}
	return eat(m, "E");
}

static bool type(struct dm *m, struct ds *out)
{
	if (m->p >= m->end || m->fail || ++m->depth > DM_MAX_DEPTH)
		return false;
	char c = *m->p;
	bool ok = false;
	for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
		if (builtins[i].code == c) {
			m->p++;
			ds_puts(out, builtins[i].name);
			m->depth--;
			return true;
		}
	char buf[DM_SUB_LEN];
	struct ds t = { buf, sizeof buf, 0, false };
	buf[0] = '\0';
	if (c == 'P' || c == 'R' || c == 'O' || c == 'K' || c == 'V') {
		m->p++;
		if (!type(m, &t))
			return false;
		const char *suffix = c == 'P' ? "*" : c == 'R' ? "&" : c == 'O' ? "&&" : c == 'K' ? " const" : " volatile";
		ds_puts(&t, suffix);
		ok = !t.over;
	} else if (c == 'D' && m->p + 1 < m->end && m->p[1] == 'n') {
		m->p += 2;
		ds_puts(out, "decltype(nullptr)");
		m->depth--;
		return true;
	} else if (c == 'T') {
		/* T_ / T<n>_: a template parameter of the enclosing name */
		m->p++;
		size_t idx = 0;
		if (m->p < m->end && isdigit((unsigned char)*m->p)) {
			idx = (size_t)(*m->p++ - '0') + 1;
		}
		if (!eat(m, "_") || idx >= (size_t)m->ntpl)
			return false;
		ds_puts(&t, m->tpl[idx]);
		ok = true;
	} else if (c == 'S') {
		bool std_prefix = m->p + 1 < m->end && m->p[1] == 't';
		if (!substitution(m, &t))
			return false;
		if (std_prefix) {
			ds_puts(&t, "::");
			if (!source_name(m, &t))
				return false;
			add_sub(m, buf);
		}
		if (m->p < m->end && *m->p == 'I') {
			if (!template_args(m, &t, false))
				return false;
			add_sub(m, buf);
		}
		ok = !t.over;
		ds_puts(out, buf);
		m->depth--;
		return ok;
	} else if (c == 'N') {
		bool k = false, tpl = false;
		if (!nested_name(m, &t, &k, &tpl))
			return false;
		ok = !t.over;
	} else if (isdigit((unsigned char)c)) {
		if (!source_name(m, &t))
			return false;
		if (m->p < m->end && *m->p == 'I') {
			add_sub(m, buf);
			if (!template_args(m, &t, false))
				return false;
		}
		ok = !t.over;
	}
	if (!ok)
		return false;
	add_sub(m, buf);
	ds_puts(out, buf);
	m->depth--;
	return !out->over;
}

bool demangle(const char *mangled, char *outbuf, size_t cap)
{
	if (!mangled || !outbuf || cap < 2 || strncmp(mangled, "_Z", 2) != 0)
		return false;
	static const size_t max_in = 2048;
	size_t n = strnlen(mangled, max_in + 1);
	if (n > max_in)
		return false;
	struct dm m;
	memset(&m, 0, sizeof m);
	m.p = mangled + 2;
	m.end = mangled + n;
	struct ds out = { outbuf, cap, 0, false };
	outbuf[0] = '\0';
	bool is_const = false, last_tpl = false;
	if (*m.p == 'N') {
		if (!nested_name(&m, &out, &is_const, &last_tpl))
			return false;
	} else if (*m.p == 'S' && m.p + 1 < m.end && m.p[1] == 't') {
		m.p += 2;
		ds_puts(&out, "std::");
		if (!source_name(&m, &out))
			return false;
		if (m.p < m.end && *m.p == 'I') {
			add_sub(&m, out.s);
			if (!template_args(&m, &out, true))
				return false;
			last_tpl = true;
		}
	} else if (isdigit((unsigned char)*m.p)) {
		if (!source_name(&m, &out))
			return false;
		if (m.p < m.end && *m.p == 'I') {
			add_sub(&m, out.s);
			if (!template_args(&m, &out, true))
				return false;
			last_tpl = true;
		}
	} else {
		return false;
	}
	if (m.p == m.end)
		return !out.over && !m.fail; /* a variable */
	/* A function: [return type when templated] then the parameter types. */
	if (last_tpl) {
		char ret[DM_SUB_LEN];
		struct ds r = { ret, sizeof ret, 0, false };
		ret[0] = '\0';
		if (!type(&m, &r))
			return false;
	}
	ds_puts(&out, "(");
	bool first = true;
	while (m.p < m.end) {
		if (*m.p == 'v' && first && m.p + 1 == m.end) {
			m.p++;
			break;
		}
		if (!first)
			ds_puts(&out, ", ");
		if (!type(&m, &out))
			return false;
		first = false;
	}
	ds_puts(&out, ")");
	if (is_const)
		ds_puts(&out, " const");
	return !out.over && !m.fail && m.p == m.end;
}
