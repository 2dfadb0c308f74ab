package dev.srp.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code srp --version}: the version the build wrote into {@code version.properties}, the pom's. */
final class SrpVersion implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        return new String[] {"srp " + version()};
    }

    static String version() throws IOException {
        try (InputStream in = SrpVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IOException("version.properties is missing from the build");
            }
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version");
        }
    }
}
