import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * {@code java DistRepo.java DIST REPO FEATURE_PACK_ZIP...}: lays the jars of an unpacked WildFly
 * distribution out as a Maven repository (hard links), under the coordinates the feature packs'
 * artifact lists give them, for Galleon to provision a trimmed server from (pom.xml, profile
 * run-wildfly).
 *
 * <p>Why: the registry this project builds from serves WildFly's distribution and its feature
 * pack, but not every module jar the feature pack names (org.wildfly:wildfly-undertow, a JBoss
 * build of JSTL, ...). The distribution holds every one of them, byte for byte what WildFly
 * ships. Artifacts it lacks (Galleon's plugins, jboss-modules) still come from the registry.
 * Java rather than a shell loop: one process instead of two per jar.
 */
public class DistRepo {

    public static void main(String[] args) throws IOException {
        Path dist = Path.of(args[0]);
        Path repo = Path.of(args[1]);
        Map<String, Path> shipped = new HashMap<>();
        try (Stream<Path> files = Files.walk(dist.resolve("modules"))) {
            files.filter(f -> f.toString().endsWith(".jar")).forEach(f -> shipped.put(f.getFileName().toString(), f));
        }
        // lines key=group:artifact:version:classifier:type (read by hand: the keys hold ':', which
        // java.util.Properties would take for a separator)
        List<String> artifacts = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            try (ZipFile pack = new ZipFile(args[i])) {
                new String(pack.getInputStream(pack.getEntry("resources/wildfly/artifact-versions.properties"))
                        .readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(l -> l.contains("=") && !l.startsWith("#"))
                        .forEach(l -> artifacts.add(l.substring(l.indexOf('=') + 1)));
            }
        }
        if (Files.exists(repo)) {
            try (Stream<Path> old = Files.walk(repo)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        int found = 0;
        for (String coordinates : artifacts) {
            String[] gavct = coordinates.split(":", -1);
            String type = gavct.length > 4 && !gavct[4].isEmpty() ? gavct[4] : "jar";
            String classifier = gavct.length > 3 && !gavct[3].isEmpty() ? "-" + gavct[3] : "";
            String file = gavct[1] + "-" + gavct[2] + classifier + "." + type;
            Path source = shipped.get(file);
            Path dir = repo.resolve(gavct[0].replace('.', '/')).resolve(gavct[1]).resolve(gavct[2]);
            if (source == null || Files.exists(dir.resolve(file))) {
                continue;
            }
            Files.createDirectories(dir);
            try {
                Files.createLink(dir.resolve(file), source);
            } catch (UnsupportedOperationException | FileSystemException e) {
                // another file system: a copy
                Files.copy(source, dir.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            found++;
        }
        if (found == 0) {
            throw new IllegalStateException("no jar of the feature packs in " + dist);
        }
        System.out.println("DistRepo: " + found + " jars of " + dist + " laid out in " + repo);
    }
}
