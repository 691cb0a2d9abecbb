package io.lockcron.spring.kill;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The kill test's JPA write: one invoice per fire, keyed by the fire's idempotency key. */
@Entity
@Table(name = "kill_invoice")
public class KillInvoice {
    @Id
    private String id;

    private String nodeId;

    protected KillInvoice() {}

    KillInvoice(String id, String nodeId) {
        this.id = id;
        this.nodeId = nodeId;
    }

    public String getId() {
        return id;
    }
}
