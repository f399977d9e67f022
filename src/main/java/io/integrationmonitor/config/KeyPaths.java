package io.integrationmonitor.config;

/** Key paths as users see them: {@code sources.glue_integrations.page_size}, {@code targets[1].role_arn}. */
final class KeyPaths {
    private KeyPaths() {
    }

    static String key(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** True when {@code path} is {@code ancestor} itself or lies below it. */
    static boolean within(String path, String ancestor) {
        return ancestor.isEmpty() || path.equals(ancestor)
                || (path.startsWith(ancestor) && (path.charAt(ancestor.length()) == '.'
                        || path.charAt(ancestor.length()) == '['));
    }
}
