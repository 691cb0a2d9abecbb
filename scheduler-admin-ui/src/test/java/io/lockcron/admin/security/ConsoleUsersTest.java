package io.lockcron.admin.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lockcron.admin.ConsoleProperties;
import io.lockcron.admin.ConsoleRole;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class ConsoleUsersTest {

    private static ConsoleProperties withUser(String name, String password, ConsoleRole role) {
        ConsoleProperties properties = new ConsoleProperties();
        ConsoleProperties.User user = new ConsoleProperties.User();
        user.setName(name);
        user.setPassword(password);
        user.setRole(role);
        properties.getUsers().add(user);
        return properties;
    }

    @Test
    void configuredUsersLogInWithTheirEncodedPasswordAndRole() {
        ConsoleProperties properties =
                withUser("ana", "{bcrypt}" + new BCryptPasswordEncoder(4).encode("s3cret"), ConsoleRole.OPERATOR);
        ConsoleProperties.User viewer = new ConsoleProperties.User();
        viewer.setName("vic");
        viewer.setPassword("{noop}look");
        properties.getUsers().add(viewer);
        ConsoleUsers users = ConsoleUsers.from(properties);
        assertThat(users.names()).containsExactly("ana", "vic");
        Authentication ana =
                users.authenticationManager().authenticate(new UsernamePasswordAuthenticationToken("ana", "s3cret"));
        assertThat(ana.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_VIEWER", "ROLE_OPERATOR");
        Authentication vic =
                users.authenticationManager().authenticate(new UsernamePasswordAuthenticationToken("vic", "look"));
        assertThat(vic.getAuthorities())
                .extracting(GrantedAuthority::getAuthority)
                .contains("ROLE_VIEWER")
                .doesNotContain("ROLE_OPERATOR");
        assertThatThrownBy(() -> users.authenticationManager()
                        .authenticate(new UsernamePasswordAuthenticationToken("ana", "look")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void withoutUsersOneAdminGetsAFreshRandomPasswordEachStart() {
        ConsoleUsers first = ConsoleUsers.from(new ConsoleProperties());
        assertThat(first.names()).containsExactly(ConsoleUsers.GENERATED_USER);
        assertThat(first.authoritiesOf(ConsoleUsers.GENERATED_USER)).containsExactly("ROLE_VIEWER");
        assertThatThrownBy(() -> first.authenticationManager()
                        .authenticate(new UsernamePasswordAuthenticationToken("admin", "")))
                .isInstanceOf(BadCredentialsException.class);
        assertThatThrownBy(() -> first.authenticationManager()
                        .authenticate(new UsernamePasswordAuthenticationToken("admin", "admin")))
                .isInstanceOf(BadCredentialsException.class);
    }

    @Test
    void theGeneratedUserActsOnlyWhenAskedTo() {
        ConsoleProperties properties = new ConsoleProperties();
        properties.setGenerateOperator(true);
        assertThat(ConsoleUsers.from(properties).authoritiesOf(ConsoleUsers.GENERATED_USER))
                .containsExactlyInAnyOrder("ROLE_VIEWER", "ROLE_OPERATOR");
    }

    @Test
    void aPasswordWithoutItsEncodingIsRefusedAtStartWithTheFix() {
        assertThatThrownBy(() -> ConsoleUsers.from(withUser("ana", "plain", ConsoleRole.VIEWER)))
                .hasMessageContaining("lockcron.console.users[0].password")
                .hasMessageContaining("'ana'")
                .hasMessageContaining("{bcrypt}");
        assertThatThrownBy(() -> ConsoleUsers.from(withUser("ana", "{rot13}nop", ConsoleRole.VIEWER)))
                .hasMessageContaining("unknown encoding");
        assertThatThrownBy(() -> ConsoleUsers.from(withUser("ana", "", ConsoleRole.VIEWER)))
                .hasMessageContaining("password is missing");
    }

    @Test
    void usersNeedUniqueNonBlankNames() {
        assertThatThrownBy(() -> ConsoleUsers.from(withUser(" ", "{noop}x", ConsoleRole.VIEWER)))
                .hasMessageContaining("lockcron.console.users[0].name is missing");
        ConsoleProperties twice = withUser("ana", "{noop}x", ConsoleRole.VIEWER);
        twice.getUsers().add(twice.getUsers().get(0));
        assertThatThrownBy(() -> ConsoleUsers.from(twice)).hasMessageContaining("two console users named 'ana'");
    }
}
