package io.lockcron.admin.security;

import io.lockcron.admin.ConsoleProperties;
import io.lockcron.admin.ConsoleRole;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The console's users, from {@code lockcron.console.users}; kept out of the application context
 * so that the host application's own authentication is left as it is.
 *
 * <p>With no users configured there is no default password to ship: one user {@code admin} gets
 * a random password, logged once at start, like Spring Boot's generated password. It is a VIEWER:
 * a log line is read by more people than should steer production jobs (log shippers, support
 * dashboards). {@code lockcron.console.generate-operator=true} makes it an OPERATOR for trying the
 * console out. Production setups configure their users.
 */
public final class ConsoleUsers {
    public static final String GENERATED_USER = "admin";
    private static final Logger log = LoggerFactory.getLogger(ConsoleUsers.class);
    /** The ids {@link PasswordEncoderFactories#createDelegatingPasswordEncoder()} knows. */
    static final Set<String> ENCODINGS = Set.of(
            "bcrypt",
            "noop",
            "pbkdf2",
            "pbkdf2@SpringSecurity_v5_8",
            "scrypt",
            "scrypt@SpringSecurity_v5_8",
            "argon2",
            "argon2@SpringSecurity_v5_8",
            "sha256",
            "SHA-256",
            "SHA-1",
            "MD5",
            "MD4",
            "ldap");

    private final List<UserDetails> users;

    private ConsoleUsers(List<UserDetails> users) {
        this.users = users;
    }

    /**
     * @throws IllegalStateException naming the user and the fix, for a user without a name, a
     *     duplicate name, or a password without a known encoding prefix
     */
    public static ConsoleUsers from(ConsoleProperties properties) {
        if (properties.getUsers().isEmpty()) {
            return generated(properties.isGenerateOperator() ? ConsoleRole.OPERATOR : ConsoleRole.VIEWER);
        }
        List<UserDetails> users = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < properties.getUsers().size(); i++) {
            ConsoleProperties.User user = properties.getUsers().get(i);
            String key = "lockcron.console.users[" + i + "]";
            String name = user.getName();
            if (name == null || name.isBlank()) {
                throw new IllegalStateException(key + ".name is missing: give every console user a name.");
            }
            if (!names.add(name)) {
                throw new IllegalStateException(
                        key + ": there are two console users named '" + name + "'. Names must be unique.");
            }
            String password = checkedPassword(key, name, user.getPassword());
            users.add(user(name, password, user.getRole()));
        }
        return new ConsoleUsers(List.copyOf(users));
    }

    private static String checkedPassword(String key, String name, @org.jspecify.annotations.Nullable String password) {
        String fix = " Write it with its encoding, e.g. '{bcrypt}$2a$10$...' (htpasswd -bnBC 10 '' secret | tr -d"
                + " ':' prints one) or, for trying things out only, '{noop}secret'.";
        if (password == null || password.isBlank()) {
            throw new IllegalStateException(key + ".password is missing for console user '" + name + "'." + fix);
        }
        if (!password.matches("\\{[^{}]+}.+")) {
            throw new IllegalStateException(
                    key + ".password of console user '" + name + "' has no encoding prefix." + fix);
        }
        String id = password.substring(1, password.indexOf('}'));
        if (!ENCODINGS.contains(id)) {
            throw new IllegalStateException(key + ".password of console user '" + name
                    + "' names an unknown encoding '{" + id + "}'; known are " + ENCODINGS + "." + fix);
        }
        return password;
    }

    private static ConsoleUsers generated(ConsoleRole role) {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        log.warn(
                "\n\nlockcron console: no users are configured (lockcron.console.users), so this run has one:\n"
                        + "    user '{}', role {}, generated password: {}\n"
                        + "The password is logged only now and changes at every start. {}Configure users before"
                        + " production (see docs/console.md).\n",
                GENERATED_USER,
                role,
                password,
                role == ConsoleRole.VIEWER
                        ? "To act on jobs with it, set lockcron.console.generate-operator=true. "
                        : "");
        return new ConsoleUsers(List.of(user(GENERATED_USER, "{noop}" + password, role)));
    }

    private static UserDetails user(String name, String password, ConsoleRole role) {
        return User.withUsername(name)
                .password(password)
                .authorities(role.authorities().toArray(String[]::new))
                .build();
    }

    /** The authorities of the user {@code name}; empty if there is no such user. */
    public List<String> authoritiesOf(String name) {
        return users.stream()
                .filter(u -> u.getUsername().equals(name))
                .flatMap(u -> u.getAuthorities().stream())
                .map(a -> a.getAuthority())
                .toList();
    }

    public List<String> names() {
        return users.stream().map(UserDetails::getUsername).toList();
    }

    /** An authentication manager for the console's chain only; never a bean, so it takes nothing over. */
    public AuthenticationManager authenticationManager() {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(users));
        provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
        return new ProviderManager(provider);
    }
}
