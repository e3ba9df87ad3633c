// OWL 2 DL profile check with the OWL API (Debian's libowlapi-java), compiled by
// tests/test_owl_profile.py into a temporary folder. Reads one RDF document (N-Triples or Turtle),
// prints each profile violation and each ontology annotation on a tab-separated line, then the count.
import java.io.File;

import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileReport;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

public final class Owl2DlProfileCheck {
    private Owl2DlProfileCheck() {
    }

    public static void main(String[] args) throws Exception {
        OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
        OWLOntology ontology = manager.loadOntologyFromOntologyDocument(new File(args[0]));
        OWLProfileReport report = new OWL2DLProfile().checkOntology(ontology);
        for (OWLProfileViolation violation : report.getViolations()) {
            String text = violation.toString().replace('\n', ' ').replace('\t', ' ');
            System.out.println("VIOLATION\t" + violation.getClass().getSimpleName() + "\t" + text);
        }
        ontology.annotations().forEach(annotation -> System.out.println(
            "ANNOTATION\t" + annotation.getProperty().getIRI() + "\t" + annotation.getValue().toString().replace('\n', ' ')));
        System.out.println("VIOLATIONS\t" + report.getViolations().size());
    }
}
