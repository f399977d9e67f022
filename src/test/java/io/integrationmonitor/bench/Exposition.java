package io.integrationmonitor.bench;

import java.util.ArrayList;
import java.util.List;

/** A parsed Prometheus text exposition: just enough to read the monitor's own series. */
final class Exposition {
    record Sample(String name, String labels, double value) {
        boolean has(String... fragments) {
            for (String f : fragments) {
                if (!labels.contains(f)) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Sample> samples;

    private Exposition(List<Sample> samples) {
        this.samples = samples;
    }

    static Exposition parse(String text) {
        return parse(text.lines());
    }

    static Exposition parse(java.util.stream.Stream<String> lines) {
        List<Sample> samples = new ArrayList<>();
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            String name;
            String labels;
            String rest;
            if (brace >= 0 && brace < space) {
                int close = line.lastIndexOf('}');
                name = line.substring(0, brace);
                labels = line.substring(brace + 1, close);
                rest = line.substring(close + 1).trim();
            } else {
                name = line.substring(0, space);
                labels = "";
                rest = line.substring(space + 1).trim();
            }
            String value = rest.split(" ")[0];
            samples.add(new Sample(name, labels, Double.parseDouble(value)));
        }
        return new Exposition(samples);
    }

    List<Sample> series(String name, String... labelFragments) {
        return samples.stream().filter(s -> s.name().equals(name) && s.has(labelFragments)).toList();
    }

    double sum(String name, String... labelFragments) {
        return series(name, labelFragments).stream().mapToDouble(Sample::value).sum();
    }

    /** Sample counts per metric name of an exposition read line by line, none of it kept; largest first. */
    static java.util.LinkedHashMap<String, Long> countByName(java.util.stream.Stream<String> lines) {
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        for (String line : (Iterable<String>) lines::iterator) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            counts.merge(line.substring(0, end), 1L, Long::sum);
        }
        java.util.LinkedHashMap<String, Long> sorted = new java.util.LinkedHashMap<>();
        counts.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    static long total(java.util.Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
